/**
 * A server-sent events reader for provider streams, after the WHATWG
 * event-stream grammar: lines end in CR, LF or CRLF (a CRLF split across two
 * network chunks is one line end), `field: value` with one optional space,
 * comments start with `:`, several `data` lines join with a newline, and a
 * blank line dispatches the event. UTF-8 is decoded in streaming mode so a
 * character split across chunks survives.
 */

/** One dispatched event. `event` is absent when the stream named none. */
export interface ServerSentEvent {
  event?: string;
  data: string;
  id?: string;
}

/** Incremental parser: feed text, collect events. */
export class ServerSentEventParser {
  #line = '';
  #afterCR = false;
  #data: string[] = [];
  #event: string | undefined;
  #id: string | undefined;
  #started = false;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    let chunk = text;
    if (!this.#started && chunk.length > 0) {
      this.#started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }

    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      const skipLF = code === 10 && this.#afterCR && i === from && this.#line === '';
      this.#afterCR = code === 13;
      if (skipLF) {
        from = i + 1;
        continue;
      }
      this.#line += chunk.slice(from, i);
      from = i + 1;
      const event = this.#takeLine();
      if (event) events.push(event);
    }
    if (from < chunk.length) {
      this.#line += chunk.slice(from);
      this.#afterCR = false;
    }
    return events;
  }

  /**
   * Ends the stream. The spec drops an event that was not closed by a blank
   * line; some servers end with `data: [DONE]` and no blank line, so a
   * pending event with data is dispatched instead.
   */
  end(): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    if (this.#line !== '') {
      const event = this.#takeLine();
      if (event) events.push(event);
    }
    if (this.#data.length > 0) events.push(this.#dispatch());
    return events;
  }

  #takeLine(): ServerSentEvent | undefined {
    const line = this.#line;
    this.#line = '';
    if (line === '') return this.#data.length > 0 ? this.#dispatch() : this.#reset();
    if (line.startsWith(':')) return undefined;

    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    return undefined;
  }

  #dispatch(): ServerSentEvent {
    const event: ServerSentEvent = { data: this.#data.join('\n') };
    if (this.#event !== undefined && this.#event !== '') event.event = this.#event;
    if (this.#id !== undefined) event.id = this.#id;
    this.#reset();
    return event;
  }

  #reset(): undefined {
    this.#data = [];
    this.#event = undefined;
    return undefined;
  }
}

/**
 * Reads a response body as server-sent events. `onChunk` runs on every
 * network chunk, before its events, so callers can reset an idle timer.
 */
export async function* readServerSentEvents(
  body: AsyncIterable<Uint8Array>,
  onChunk?: () => void,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder('utf-8');
  const parser = new ServerSentEventParser();
  for await (const bytes of body) {
    onChunk?.();
    yield* parser.push(decoder.decode(bytes, { stream: true }));
  }
  yield* parser.push(decoder.decode());
  yield* parser.end();
}
