/**
 * UTF-8 checks that say where the damage is, for error messages a user can act on.
 */
import { isUtf8 } from 'node:buffer';

/**
 * Byte offset of the first byte that does not start a well-formed UTF-8
 * sequence, or -1 when all of `bytes` is valid UTF-8. Overlong forms,
 * surrogates and code points above U+10FFFF count as invalid, as in
 * `TextDecoder('utf-8', { fatal: true })`.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;

  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** Length of the well-formed sequence starting at `i`, or 0 when it is malformed. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  if (lead < 0x80) return 1;

  let length: number;
  let min: number;
  let max: number;
  if (lead >= 0xc2 && lead <= 0xdf) {
    [length, min, max] = [2, 0x80, 0xbf];
  } else if (lead >= 0xe0 && lead <= 0xef) {
    // E0 needs A0.. (no overlongs); ED stops at 9F (no surrogates).
    [length, min, max] = [3, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf];
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    // F0 needs 90.. (no overlongs); F4 stops at 8F (nothing above U+10FFFF).
    [length, min, max] = [4, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf];
  } else {
    return 0;
  }

  for (let k = 1; k < length; k += 1) {
    const byte = bytes[i + k];
    const [low, high] = k === 1 ? [min, max] : [0x80, 0xbf];
    if (byte === undefined || byte < low || byte > high) return 0;
  }
  return length;
}

/** 1-based line and column (in bytes) of a byte offset. */
export function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
