/**
 * The server under test: `node bin/lexhop.js serve` in its own process group
 * on 127.0.0.1, ready once /readyz answers 200, stopped with its workers.
 */
import type { ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import path from 'node:path';
import { freePort, groupRss, startGroup, stopGroup } from './processes.js';

export interface RunningServer {
  port: number;
  process: ChildProcess;
  /** Time from spawn to the first 200 from /readyz. */
  readyMs: number;
  /** Resident memory of the primary and its workers, in bytes. */
  rss(): { pid: number; rssBytes: number }[];
  stop(): Promise<void>;
}

function readyz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const call = get({ host: '127.0.0.1', port, path: '/readyz', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    call.once('timeout', () => call.destroy());
    call.once('error', () => resolve(0));
  });
}

/** Starts the server on a free port and waits (default up to 15 min) until it is ready. */
export async function startServer(options: {
  root: string;
  dataDir: string;
  engine: 'lexhop' | 'fts5';
  workers: number;
  readyTimeoutMs?: number;
}): Promise<RunningServer> {
  const port = await freePort();
  const args = [
    path.join(options.root, 'bin', 'lexhop.js'), 'serve', '--data', options.dataDir,
    '--engine', options.engine, '--workers', String(options.workers),
    '--host', '127.0.0.1', '--port', String(port), '--json',
  ];
  const begin = performance.now();
  const child = startGroup(process.execPath, args, {
    env: { ...process.env, LEXHOP_LOG_LEVEL: 'warn' },
  });
  // The primary announces the URL (with --json, as JSON) once every worker listens;
  // /readyz alone may come from the first worker while the second is still loading.
  let announced = false;
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    if (text.includes('"url"')) announced = true;
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderrTail = (stderrTail + text).slice(-4000);
  });

  const deadline = begin + (options.readyTimeoutMs ?? 15 * 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}): ${stderrTail}`);
    }
    if (announced && (await readyz(port)) === 200) break;
    if (performance.now() > deadline) {
      await stopGroup(child);
      throw new Error(`server not ready in time: ${stderrTail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    port, process: child, readyMs: performance.now() - begin,
    rss: () => (child.pid === undefined ? [] : groupRss(child.pid)),
    stop: () => stopGroup(child),
  };
}
