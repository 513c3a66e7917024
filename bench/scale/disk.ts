/** Disk use of a data folder, as `du` counts it (allocated blocks), per file. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface DiskUse {
  /** Allocated bytes of everything in the folder. */
  totalBytes: number;
  /** Allocated bytes per file, relative to the folder. */
  files: Record<string, number>;
}

/** Walks `folder` and adds up the blocks of its files. */
export function diskUse(folder: string): DiskUse {
  const files: Record<string, number> = {};
  let totalBytes = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const stat = statSync(full);
      const bytes = stat.blocks * 512;
      files[path.relative(folder, full)] = bytes;
      totalBytes += bytes;
    }
  };
  walk(folder);
  return { totalBytes, files };
}
