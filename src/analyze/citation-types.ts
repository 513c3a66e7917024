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
  /** `[start, end)` span of the whole reference in the text it was found in. */
  start: number;
  end: number;
}
