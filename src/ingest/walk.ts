/**
 * From the paths a user gave to load events: folders are walked recursively
 * (dot-files, dot-folders and `node_modules` skipped; entries sorted by name, so
 * every run sees the same order), and each file goes to the first loader that
 * accepts it by name or first bytes.
 */
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isLexhopError } from '../errors.js';
import type { LoadEvent } from '../types.js';
import { errorMessage, skippedEvent, systemCode } from './events.js';
import type { Loader, LoadOptions } from './loader.js';
import { readHead } from './head.js';
import { retsinformationLoader } from './loaders/retsinformation.js';
import { textLoader } from './loaders/text.js';

/** The loaders, in the order they are asked. */
export const loaders: readonly Loader[] = [retsinformationLoader, textLoader];

/** Bytes of a file's start that loaders see in `accepts`. */
const HEAD_BYTES = 64;
const SKIPPED_FOLDERS = new Set(['node_modules']);

/**
 * Load every file under `paths`, in order. A missing path is a skipped
 * `ERR_INGEST_NOT_FOUND`, a file no loader accepts a skipped
 * `ERR_INGEST_UNSUPPORTED`. Keys of text files are their paths relative to the
 * parent of the folder they were found in (`ingest contracts/` keys
 * `contracts/nda.txt`; `ingest a/nda.txt b/nda.txt` keys `a/nda.txt` and
 * `b/nda.txt`), so files of the same name in different folders stay apart,
 * unless `options.root` says otherwise.
 */
export async function* loadPaths(
  paths: string[],
  options: LoadOptions = {},
): AsyncIterable<LoadEvent> {
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      yield notReadable(given, error);
      continue;
    }

    if (info.isDirectory()) {
      const root = options.root ?? path.dirname(path.resolve(given));
      for await (const file of walk(given, new Set())) {
        if (typeof file === 'string') yield* loadFile(file, { ...options, root });
        else yield file;
      }
    } else {
      const root = options.root ?? path.dirname(path.dirname(path.resolve(given)));
      yield* loadFile(given, { ...options, root });
    }
  }
}

/** Files under `folder`, sorted by name, depth first; unreadable folders as skipped events. */
async function* walk(folder: string, seen: Set<string>): AsyncGenerator<string | LoadEvent> {
  let entries: { name: string; isDirectory: boolean }[];
  try {
    // A symbolic link back up the tree must not loop forever.
    const real = await realpath(folder);
    if (seen.has(real)) return;
    seen.add(real);
    entries = await listFolder(folder);
  } catch (error) {
    yield notReadable(folder, error);
    return;
  }

  for (const entry of entries) {
    const child = path.join(folder, entry.name);
    if (entry.isDirectory) yield* walk(child, seen);
    else yield child;
  }
}

/** Visible entries of a folder in code-point order (not locale order, which varies). */
async function listFolder(folder: string): Promise<{ name: string; isDirectory: boolean }[]> {
  const entries: { name: string; isDirectory: boolean }[] = [];
  for await (const entry of await opendir(folder)) {
    if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDirectory = (await stat(path.join(folder, entry.name))).isDirectory();
      } catch {
        // A dangling link: its loader reports it as unreadable.
      }
    }
    entries.push({ name: entry.name, isDirectory });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function* loadFile(file: string, options: LoadOptions): AsyncGenerator<LoadEvent> {
  let head: Buffer;
  try {
    head = await readHead(file, HEAD_BYTES);
  } catch (error) {
    yield notReadable(file, error);
    return;
  }

  const loader = loaders.find((candidate) => candidate.accepts(file, head));
  if (loader === undefined) {
    const extension = path.extname(file) || '(no extension)';
    yield skippedEvent('ERR_INGEST_UNSUPPORTED', `${file}: no loader for ${extension} files`, file);
    return;
  }

  try {
    yield* loader.load(file, options);
  } catch (error) {
    // A loader reports bad input as events; anything thrown is unexpected, but one
    // file must not end the whole run.
    const code = isLexhopError(error) ? error.code : 'ERR_INGEST_UNREADABLE';
    yield skippedEvent(code, `${file}: ${loader.name} loader failed: ${errorMessage(error)}`, file);
  }
}

function notReadable(file: string, error: unknown): LoadEvent {
  if (systemCode(error) === 'ENOENT') {
    return skippedEvent('ERR_INGEST_NOT_FOUND', `${file}: no such file or folder`, file);
  }
  return skippedEvent('ERR_INGEST_UNREADABLE', `${file}: ${errorMessage(error)}`, file);
}
