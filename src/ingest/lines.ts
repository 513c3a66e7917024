/**
 * Splitting a byte stream into lines without decoding it, so a loader can check
 * each line's UTF-8 itself and refuse an overlong line before holding it whole.
 * `node:readline` can do neither: it decodes with silent replacement and buffers
 * a line of any length.
 */

/** What `readLines` yields. Line numbers are 1-based. */
export type LineEvent =
  /** A complete line, without its `\n` (and `\r`); the buffer is valid until the next event. */
  | { kind: 'line'; line: number; bytes: Buffer }
  /** A line longer than the limit; its bytes were dropped as they came. */
  | { kind: 'too-large'; line: number; bytes: number }
  /**
   * The stream failed. `linesRead` complete lines came before; `partial` holds the
   * bytes of the unfinished line after them (empty when the failure fell on a line end).
   */
  | { kind: 'error'; error: unknown; linesRead: number; partial: Buffer };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Lines of `input`, a stream of Buffers. Memory stays bounded by `maxLineBytes`
 * plus one chunk of the stream: a longer line is counted and skipped.
 * A last line without a final newline is yielded too.
 */
export async function* readLines(
  input: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<LineEvent> {
  let parts: Buffer[] = [];
  let pending = 0;
  let oversize = false;
  let line = 0;

  try {
    for await (const chunk of input) {
      let from = 0;
      let newline = chunk.indexOf(NEWLINE, from);
      while (newline !== -1) {
        line += 1;
        const size = pending + newline - from;
        if (oversize || size > maxLineBytes) {
          yield { kind: 'too-large', line, bytes: size };
        } else {
          const tail = chunk.subarray(from, newline);
          const bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail], size);
          yield { kind: 'line', line, bytes: withoutCarriageReturn(bytes) };
        }
        parts = [];
        pending = 0;
        oversize = false;
        from = newline + 1;
        newline = chunk.indexOf(NEWLINE, from);
      }

      if (from < chunk.length) {
        pending += chunk.length - from;
        if (pending > maxLineBytes) {
          // Keep counting the line's length, but stop holding its bytes.
          oversize = true;
          parts = [];
        } else {
          parts.push(chunk.subarray(from));
        }
      }
    }
  } catch (error) {
    const partial = oversize ? Buffer.alloc(0) : Buffer.concat(parts, pending);
    yield { kind: 'error', error, linesRead: line, partial };
    return;
  }

  if (pending > 0) {
    line += 1;
    if (oversize) yield { kind: 'too-large', line, bytes: pending };
    else yield { kind: 'line', line, bytes: withoutCarriageReturn(Buffer.concat(parts, pending)) };
  }
}

function withoutCarriageReturn(bytes: Buffer): Buffer {
  const last = bytes.length - 1;
  return last >= 0 && bytes[last] === CARRIAGE_RETURN ? bytes.subarray(0, last) : bytes;
}
