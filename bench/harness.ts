/**
 * Shared pieces of `npm run bench`. Results go to stdout as one JSON object
 * per line, `{"bench","p50_ms","p95_ms","n"}` plus `"ratio"` where a bench
 * compares against a baseline measured in the same run; everything else
 * (progress, breakdowns) goes to stderr so that stdout stays machine-readable.
 * Benchmarks measure; they never pass or fail.
 */

export interface BenchResult {
  bench: string;
  p50_ms: number;
  p95_ms: number;
  n: number;
  ratio?: number;
}

/** Linear interpolation between closest ranks, so small n still gives a sensible p95. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function sum(samples: readonly number[]): number {
  return samples.reduce((a, b) => a + b, 0);
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function summarize(bench: string, samplesMs: readonly number[], ratio?: number): BenchResult {
  const result: BenchResult = {
    bench,
    p50_ms: round(percentile(samplesMs, 50), 3),
    p95_ms: round(percentile(samplesMs, 95), 3),
    n: samplesMs.length,
  };
  if (ratio !== undefined) result.ratio = round(ratio, 3);
  return result;
}

export async function timeAsync<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function info(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export interface BenchOptions {
  /** A regular expression (a plain substring works too) matched against bench names. */
  only: RegExp | null;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let only: RegExp | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--only' && argv[i + 1]) only = new RegExp(argv[++i]!);
    else if (arg.startsWith('--only=')) only = new RegExp(arg.slice('--only='.length));
    else throw new Error(`Unknown argument ${arg}. Usage: npm run bench [-- --only PATTERN]`);
  }
  return { only };
}

export interface BenchContext {
  options: BenchOptions;
  /** The large demo practice, created once under .bench-data and reused after. */
  practice: { dataDir: string; passphrase: string };
  /** A fresh folder, removed when the whole run ends. */
  tempDir(label: string): string;
  wants(bench: string): boolean;
  /** Prints the result line if the bench was asked for. */
  emit(result: BenchResult): void;
}

/**
 * One area's benches. `benches` names every line the suite can print, so
 * `--only` can skip a suite without running it; a suite may still run a
 * baseline that was not asked for, to compute a ratio.
 */
export interface BenchSuite {
  area: string;
  benches: readonly string[];
  run(ctx: BenchContext): Promise<void>;
}

export function matches(options: BenchOptions, bench: string): boolean {
  return options.only === null || options.only.test(bench);
}

export function writeResult(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
