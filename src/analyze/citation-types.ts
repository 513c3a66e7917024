/** A reference to a provision, as found in a query or in provision text. */
export interface CitationRef {
  /**
   * The act as written, e.g. `straffelovens`, `rpl`, `lov om rettens pleje`;
   * absent when the reference points into the same act (`jf. § 737`).
   */
  act?: string;
  /** Section without `§` and spaces, lower case: `263`, `12a`. */
  section: string;
  /** `Stk.` number, when given. */
  subsection?: number;
  /** `nr.` number, when given. */
  item?: number;
  /** `pkt.` (sentence) number, when given: `2. pkt.` and `pkt. 2` are both 2. */
  sentence?: number;
  /**
   * True for a section inside a range that the text does not write out
   * (`§ 11` of `§§ 10-12`); its span is that of the whole range.
   */
  expanded?: true;
  /**
   * True for a bare `stk. 2` that points into the provision it stands in;
   * `section` is then the one the caller said the text belongs to.
   */
  sameSection?: true;
  /** `[start, end)` span of the whole reference in the text it was found in. */
  start: number;
  end: number;
}
