import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServerSentEventParser, readServerSentEvents } from '../../src/answer/providers/sse.js';

function parseAll(chunks: string[]): { event?: string; data: string }[] {
  const parser = new ServerSentEventParser();
  const events = chunks.flatMap((chunk) => parser.push(chunk));
  return [...events, ...parser.end()];
}

test('sse: data lines, named events and the blank line that dispatches', () => {
  const events = parseAll(['event: ping\ndata: {"a":1}\n\ndata: [DONE]\n\n']);
  assert.deepEqual(events, [{ event: 'ping', data: '{"a":1}' }, { data: '[DONE]' }]);
});

test('sse: a CRLF split across two chunks is one line end', () => {
  const events = parseAll(['data: one\r', '\n\r', '\ndata: two\r\n\r\n']);
  assert.deepEqual(events, [{ data: 'one' }, { data: 'two' }]);
});

test('sse: lone CR line ends, comments, several data lines, no space after colon', () => {
  const events = parseAll([': keep-alive\rdata:first\rdata: second\r\r']);
  assert.deepEqual(events, [{ data: 'first\nsecond' }]);
});

test('sse: a leading BOM is dropped and a final event without blank line is kept', () => {
  const events = parseAll(['\uFEFFdata: x\n\ndata: [DONE]']);
  assert.deepEqual(events, [{ data: 'x' }, { data: '[DONE]' }]);
});

test('sse: a blank line with no data dispatches nothing and clears the event name', () => {
  const events = parseAll(['event: lost\n\ndata: kept\n\n']);
  assert.deepEqual(events, [{ data: 'kept' }]);
});

test('sse: a UTF-8 character split across network chunks survives', async () => {
  const bytes = Buffer.from('data: Lejeren må opsige æøå\n\n', 'utf8');
  const cut = bytes.indexOf(Buffer.from('æ')) + 1;
  async function* body(): AsyncGenerator<Uint8Array> {
    yield bytes.subarray(0, cut);
    yield bytes.subarray(cut);
  }
  const events = [];
  for await (const event of readServerSentEvents(body())) events.push(event);
  assert.deepEqual(events, [{ data: 'Lejeren må opsige æøå' }]);
});
