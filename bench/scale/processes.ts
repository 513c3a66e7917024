/**
 * Child processes of the benchmark: run a step in its own process so its
 * peak memory is its own, find a free loopback port, read the memory of a
 * process group, and make sure nothing we started outlives us.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const TIME = '/usr/bin/time';

/** What a finished child reported. */
export interface ChildResult {
  code: number;
  /** The last line of standard output that parsed as JSON, if any. */
  result: unknown;
  /** Peak resident memory in bytes (from /usr/bin/time -v, else as the child reported it). */
  peakRssBytes?: number;
  wallMs: number;
}

const started = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Gone already.
  }
}

// Servers and builders are process-group leaders (detached), so one kill
// reaches their cluster workers too. On any way out, take them with us.
process.on('exit', () => {
  for (const child of started) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of started) killGroup(child, 'SIGKILL');
    process.exit(130);
  });
}

/** Starts `command` as the leader of its own process group, remembered for cleanup. */
export function startGroup(
  command: string,
  args: string[],
  options: { stdout?: 'pipe' | 'inherit' | 'ignore'; env?: NodeJS.ProcessEnv } = {},
): ChildProcess {
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs` (default 10 s). */
export async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Workers may linger a moment after the primary; make sure the group is gone.
  killGroup(child, 'SIGKILL');
}

/**
 * Runs `node --import tsx <script> ...args` to the end, under `/usr/bin/time -v`
 * when the machine has it. Standard error passes through (progress), with
 * the time report filtered out; the child's result is its last JSON line.
 */
export async function runNodeChild(script: string, args: string[]): Promise<ChildResult> {
  const nodeArgs = ['--import', 'tsx', script, ...args];
  const timed = existsSync(TIME);
  const begin = performance.now();
  const child = timed
    ? startGroup(TIME, ['-v', process.execPath, ...nodeArgs])
    : startGroup(process.execPath, nodeArgs);

  let stdout = '';
  let timeReport = '';
  let inReport = false;
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    // Whole lines only: a chunk may end inside the report's first line.
    const lines = (partial + text).split(/(?<=\n)/u);
    partial = lines[lines.length - 1]?.endsWith('\n') === true ? '' : (lines.pop() ?? '');
    for (const line of lines) {
      // `time -v` starts its report with `Command being timed:`.
      if (line.includes('Command being timed:')) inReport = true;
      if (inReport) timeReport += line;
      else process.stderr.write(line);
    }
  });
  // `close`, not `exit`: the report may still be in the pipe when the process exits.
  const code = await new Promise<number>((resolve) => {
    child.once('close', (exitCode, signal) => resolve(exitCode ?? (signal === null ? 1 : 128)));
  });
  timeReport += partial;

  let result: unknown;
  for (const line of stdout.trim().split('\n').reverse()) {
    try {
      result = JSON.parse(line);
      break;
    } catch {
      // Not the result line.
    }
  }
  const rssKb = /Maximum resident set size \(kbytes\):\s*(\d+)/u.exec(timeReport)?.[1];
  const reported = (result as { maxRssKb?: number } | undefined)?.maxRssKb;
  const peakKb = rssKb !== undefined ? Number(rssKb) : reported;
  return {
    code, result, wallMs: performance.now() - begin,
    ...(peakKb === undefined ? {} : { peakRssBytes: peakKb * 1024 }),
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory of every live process in a process group, in bytes (Linux; else []). */
export function groupRss(groupId: number): { pid: number; rssBytes: number }[] {
  if (!existsSync('/proc/self/stat')) return [];
  const found: { pid: number; rssBytes: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after the last `)`.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== groupId) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const kb = /VmRSS:\s*(\d+)/u.exec(status)?.[1];
      if (kb !== undefined) found.push({ pid: Number(entry), rssBytes: Number(kb) * 1024 });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
