/**
 * A small local HTTP server for provider tests, on 127.0.0.1 and a free port.
 * Each request gets the next behaviour of a script (the last one repeats):
 * a reply (whole or streamed, split at odd byte boundaries), an HTTP status,
 * a delay, malformed output, a stream that stalls or only trickles
 * keep-alives, a request that is read and never answered, or a dropped
 * connection.
 * Protocol files supply how replies look on the wire.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export type Behaviour =
  /** A reply; `text` may depend on the request (e.g. echo part of the prompt). */
  | {
    kind: 'reply';
    text: string | ((request: RecordedRequest) => string);
    /** Wait before the response starts. */
    delayMs?: number;
    /** Wait between stream chunks. */
    chunkDelayMs?: number;
    /** Write the stream in pieces of this many bytes (splits lines and characters). */
    splitBytes?: number;
    /** Use CRLF line ends in the stream. */
    crlf?: boolean;
  }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** 200 with a body that is not valid JSON (or a stream event that is not). */
  | { kind: 'malformed' }
  /** Streams `text`, then goes silent without ending. */
  | { kind: 'stall'; text: string }
  /** Reads the whole request, then never sends response headers. */
  | { kind: 'hang' }
  /** Sends stream headers, then only a keep-alive comment every `everyMs`, forever. */
  | { kind: 'trickle'; everyMs: number }
  /** Closes the connection without a response. */
  | { kind: 'drop' };

export type Script = Behaviour[] | ((request: RecordedRequest, index: number) => Behaviour);

/** How one protocol renders replies and checks requests. */
export interface WireFormat {
  /** An error message for a bad request, or undefined when the request is fine. */
  check(request: RecordedRequest): { status: number; body: string } | undefined;
  json(text: string, request: RecordedRequest): unknown;
  /** Stream events as `event:`/`data:` lines, each a complete event block. */
  events(text: string, request: RecordedRequest): string[];
  /** A stream event whose data is broken JSON. */
  brokenEvent(): string;
  /** Whether the request asked for a stream. */
  streaming(request: RecordedRequest): boolean;
}

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits a text into pieces of about `size` characters, at word ends where possible. */
export function pieces(text: string, size = 6): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.indexOf(' ', size);
    const cut = space === -1 || space > size * 3 ? size : space + 1;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '') out.push(rest);
  return out;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { unparsed: text };
  }
}

async function writeStream(
  response: ServerResponse,
  blocks: string[],
  behaviour: { chunkDelayMs?: number; splitBytes?: number; crlf?: boolean },
): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const eol = behaviour.crlf === true ? '\r\n' : '\n';
  const wire = Buffer.from(blocks.map((b) => b.replace(/\n/g, eol) + eol + eol).join(''), 'utf8');
  const size = behaviour.splitBytes ?? wire.length;
  const perBlock = behaviour.splitBytes === undefined;
  if (perBlock) {
    for (const block of blocks) {
      response.write(Buffer.from(block.replace(/\n/g, eol) + eol + eol, 'utf8'));
      if (behaviour.chunkDelayMs !== undefined) await sleep(behaviour.chunkDelayMs);
    }
  } else {
    for (let at = 0; at < wire.length; at += size) {
      response.write(wire.subarray(at, at + size));
      if (behaviour.chunkDelayMs !== undefined) await sleep(behaviour.chunkDelayMs);
    }
  }
  response.end();
}

/** Starts a scripted server for one wire format. */
export async function startScriptedServer(
  format: WireFormat,
  script: Script,
): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: url.pathname + url.search,
        headers: request.headers,
        body,
      };
      const index = requests.length;
      requests.push(recorded);
      const behaviour = Array.isArray(script)
        ? (script[Math.min(index, script.length - 1)] ?? { kind: 'drop' })
        : script(recorded, index);

      const problem = format.check(recorded);
      if (problem !== undefined) {
        response.writeHead(problem.status, { 'content-type': 'application/json' });
        response.end(problem.body);
        return;
      }
      await respond(format, recorded, behaviour, response);
    })().catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function respond(
  format: WireFormat,
  request: RecordedRequest,
  behaviour: Behaviour,
  response: ServerResponse,
): Promise<void> {
  const streaming = format.streaming(request);
  switch (behaviour.kind) {
    case 'drop':
      response.socket?.destroy();
      return;
    case 'status':
      response.writeHead(behaviour.status, {
        'content-type': 'application/json',
        ...behaviour.headers,
      });
      response.end(behaviour.body ?? JSON.stringify({ error: { message: 'scripted failure' } }));
      return;
    case 'malformed':
      if (streaming) {
        await writeStream(response, [format.brokenEvent()], {});
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"choices": [ this is not json');
      }
      return;
    case 'hang':
      // The request was received; the connection stays open until the client gives up.
      return;
    case 'trickle': {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => response.write(': keep-alive\n\n'), behaviour.everyMs);
      response.on('close', () => clearInterval(timer));
      return;
    }
    case 'stall': {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const events = format.events(behaviour.text, request);
      // Everything but the closing events, then silence.
      for (const block of events.slice(0, -2)) response.write(`${block}\n\n`);
      return;
    }
    case 'reply': {
      if (behaviour.delayMs !== undefined) await sleep(behaviour.delayMs);
      if (response.destroyed) return;
      const text = typeof behaviour.text === 'function' ? behaviour.text(request) : behaviour.text;
      if (streaming) {
        await writeStream(response, format.events(text, request), behaviour);
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(format.json(text, request)));
      }
    }
  }
}
