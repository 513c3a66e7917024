/**
 * Offsets between JavaScript strings (UTF-16 code units) and benchmarks
 * annotated in Python (code points). They differ only after a character
 * outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph),
 * which takes two code units but is one code point.
 */

/** Converts UTF-16 offsets of one text to code-point offsets and back. */
export interface OffsetMap {
  /** Code-point offset of a UTF-16 offset; inside a surrogate pair it rounds down. */
  toCodePoint(utf16: number): number;
  /** UTF-16 offset of a code-point offset. */
  toUtf16(codePoint: number): number;
}

const identity: OffsetMap = { toCodePoint: (o) => o, toUtf16: (o) => o };

/** The offset map of `text`; the identity when it has no astral characters. */
export function offsetMap(text: string): OffsetMap {
  // UTF-16 offsets of the second half of every surrogate pair, ascending.
  const lows: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      lows.push(i + 1);
      i += 1;
    }
  }
  if (lows.length === 0) return identity;

  // Pairs that end before `utf16`: each one shifts code points by one.
  const pairsBefore = (utf16: number): number => {
    let lo = 0;
    let hi = lows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((lows[mid] as number) < utf16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    toCodePoint: (utf16) => {
      const pairs = pairsBefore(utf16);
      // An offset on a low surrogate sits inside its pair: round down to the pair's start.
      const inside = lows[pairs] === utf16 ? 1 : 0;
      return utf16 - pairs - inside;
    },
    toUtf16: (codePoint) => {
      // The k-th astral character is code point lows[k] - 1 - k; count those before ours.
      let lo = 0;
      let hi = lows.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((lows[mid] as number) - mid <= codePoint) lo = mid + 1;
        else hi = mid;
      }
      return codePoint + lo;
    },
  };
}
