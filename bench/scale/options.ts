/** Command-line options of `npm run bench:scale`, with their defaults. */
import path from 'node:path';

export interface ScaleOptions {
  /** Corpus sizes in chunks; `full` is the whole corpus. Default 100000,300000,full. */
  sizes: (number | 'full')[];
  /** Default ../shared/corpus/dk-laws/all.jsonl.gz. */
  corpus: string;
  /** Default bench/queries/dk-mix.json. */
  mix?: string;
  /** Folder for the data folders; default a fresh temporary folder, removed at the end. */
  work?: string;
  /** Keep the data folders of a temporary work folder. Default false. */
  keep: boolean;
  /** Reuse a size's data folder in --work when it holds a finished build. Default false. */
  reuse: boolean;
  engines: ('lexhop' | 'fts5')[];
  /** HTTP measurements: paced, rate, concurrency, cached. Default all; `none` skips HTTP. */
  http: string[];
  /** Seconds per load step (at most 10). Default 10. */
  stepSeconds: number;
  rates: number[];
  concurrency: number[];
  /** p99 at which a sweep stops, in ms. Default 100. */
  p99LimitMs: number;
  workers: number;
  /** Queries the FTS5 peer is timed on in process (every k-th of the mix). Default 200; 0 = all. */
  peerQueries: number;
  /** How uncached bodies are made unique: a tenant per pass (default) or limit 10…19. */
  unique: 'tenant' | 'limit';
  /** Provisions sampled for the citation check. Default 1000; 0 skips it. */
  citations: number;
  /** Run `npm run build` first (the server runs from dist/). Default true. */
  build: boolean;
  /** Where reports go. Default reports/. */
  reports: string;
}

const USAGE = `usage: npm run bench:scale -- [options]
  --sizes 100000,300000,full   corpus sizes in chunks (full = whole corpus)
  --corpus <file>              default ../shared/corpus/dk-laws/all.jsonl.gz
  --mix <file>                 query mix (default bench/queries/dk-mix.json)
  --work <folder>              keep data folders here (else a temporary folder)
  --keep                       keep the temporary data folders
  --reuse                      reuse finished builds in --work
  --engines lexhop,fts5        engines to measure
  --http paced,rate,concurrency,cached | none
  --step-seconds 10            seconds per load step (max 10)
  --rates 25,50,100,200,300,500,700,1000,1500,2000,3000
  --concurrency 1,2,4,8,16,32,64,128
  --p99-limit 100              stop a sweep when p99 passes this (ms)
  --workers 2                  server processes
  --peer-queries 200           queries the FTS5 peer is timed on in process (0 = all)
  --unique tenant|limit        how uncached request bodies are made unique (default tenant)
  --citations 1000             provisions sampled for the citation check (0 = skip)
  --no-build                   do not run npm run build first
  --reports reports            report folder`;

function numbers(value: string, name: string): number[] {
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isFinite(n) || n <= 0)) throw new Error(`${name}: expected numbers, got ${value}`);
  return list;
}

/** Parses argv; throws with the usage text on anything it does not know. */
export function parseScaleOptions(argv: string[], root: string): ScaleOptions {
  const options: ScaleOptions = {
    sizes: [100_000, 300_000, 'full'],
    corpus: path.resolve(root, '../shared/corpus/dk-laws/all.jsonl.gz'),
    keep: false, reuse: false, engines: ['lexhop', 'fts5'],
    http: ['paced', 'rate', 'concurrency', 'cached'], stepSeconds: 10,
    rates: [25, 50, 100, 200, 300, 500, 700, 1000, 1500, 2000, 3000],
    concurrency: [1, 2, 4, 8, 16, 32, 64, 128],
    p99LimitMs: 100, workers: 2, peerQueries: 200, unique: 'tenant', citations: 1000, build: true,
    reports: path.resolve(root, 'reports'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i] as string;
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      i += 1;
      return next;
    };
    switch (name) {
      case '--sizes':
        options.sizes = value().split(',').map((s) => (s.trim() === 'full' ? 'full' : numbers(s, name)[0] as number));
        break;
      case '--corpus': options.corpus = path.resolve(value()); break;
      case '--mix': options.mix = path.resolve(value()); break;
      case '--work': options.work = path.resolve(value()); break;
      case '--keep': options.keep = true; break;
      case '--reuse': options.reuse = true; break;
      case '--engines':
        options.engines = value().split(',').map((e) => {
          if (e !== 'lexhop' && e !== 'fts5') throw new Error(`--engines: unknown engine ${e}`);
          return e;
        });
        break;
      case '--http': {
        const modes = value();
        options.http = modes === 'none' ? [] : modes.split(',');
        break;
      }
      case '--step-seconds': options.stepSeconds = Math.min(10, numbers(value(), name)[0] as number); break;
      case '--rates': options.rates = numbers(value(), name); break;
      case '--concurrency': options.concurrency = numbers(value(), name); break;
      case '--p99-limit': options.p99LimitMs = numbers(value(), name)[0] as number; break;
      case '--workers': options.workers = numbers(value(), name)[0] as number; break;
      case '--citations': options.citations = Number(value()); break;
      case '--peer-queries': options.peerQueries = Number(value()); break;
      case '--unique': {
        const mode = value();
        if (mode !== 'tenant' && mode !== 'limit') throw new Error(`--unique: tenant or limit, not ${mode}`);
        options.unique = mode;
        break;
      }
      case '--no-build': options.build = false; break;
      case '--reports': options.reports = path.resolve(value()); break;
      case '--help': case '-h': throw new Error(USAGE);
      default: throw new Error(`unknown option ${name}\n${USAGE}`);
    }
  }
  return options;
}

/** `100000` → `100K`, `1500000` → `1.5M`. */
export function sizeLabel(size: number | 'full'): string {
  if (size === 'full') return 'full';
  if (size >= 1_000_000) return `${+(size / 1_000_000).toFixed(2)}M`;
  if (size >= 1000) return `${+(size / 1000).toFixed(1)}K`;
  return String(size);
}
