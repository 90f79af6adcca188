/**
 * Test helpers: deterministic feature frames shaped like the features
 * stage's output (`ts`, `symbol`, `date`, `mid`, then Float64 features,
 * null during a warm-up), and a feature store on disk.
 * @module
 */

import pl from "nodejs-polars";
import { join } from "node:path";
import { Rng } from "../../lib/core/rng.ts";

/** Options of {@linkcode featureFrame}. */
export interface FrameSpec {
  symbol?: string;
  date?: string;
  rows?: number;
  features?: number;
  /** Leading rows whose features are null. */
  nullHead?: number;
  seed?: number;
  /** Multiplies every feature value (to make "wild" data). */
  factor?: number;
  /** Optional regime column values, cycled over the rows. */
  regimes?: string[];
}

/** Feature names f0, f1, … */
export function featureNames(F: number): string[] {
  return Array.from({ length: F }, (_, f) => `f${f}`);
}

/** A symbol-day of features: rows 100 ms apart from 09:30 UTC of `date`. */
export function featureFrame(spec: FrameSpec = {}): pl.DataFrame {
  const symbol = spec.symbol ?? "SIM", date = spec.date ?? "2024-01-02";
  const n = spec.rows ?? 200, F = spec.features ?? 3, head = spec.nullHead ?? 5;
  const factor = spec.factor ?? 1;
  const rng = Rng.fromSeed(spec.seed ?? 1).derive(`${symbol}/${date}`);
  const base = BigInt(Date.parse(`${date}T09:30:00Z`)) * 1_000_000n;
  const ts = new BigInt64Array(n);
  for (let i = 0; i < n; i++) ts[i] = base + BigInt(i) * 100_000_000n;
  const mid = new Float64Array(n);
  let m = 100;
  for (let i = 0; i < n; i++) {
    m *= 1 + rng.uniform(-1e-3, 1e-3);
    mid[i] = m;
  }
  const cols: pl.Series[] = [
    pl.Series("ts", ts as unknown as number[]).cast(pl.Datetime("ns")),
    pl.Series("symbol", Array(n).fill(symbol)),
    pl.Series("date", Array(n).fill(date)),
    pl.Series("mid", mid),
  ];
  for (const [f, name] of featureNames(F).entries()) {
    const v: (number | null)[] = [];
    for (let i = 0; i < n; i++) {
      v.push(i < head ? null : factor * (f + 1) * rng.normal() + f);
    }
    cols.push(pl.Series(name, v, pl.Float64));
  }
  if (spec.regimes !== undefined) {
    const r = spec.regimes;
    cols.push(pl.Series("regime", Array.from({ length: n }, (_, i) => r[i % r.length])));
  }
  return pl.DataFrame(cols);
}

/** Writes frames to `<root>/<symbol>/<date>.parquet` (each frame one symbol-day). */
export function writeStore(root: string, frames: pl.DataFrame[]): void {
  for (const df of frames) {
    const symbol = String(df.getColumn("symbol").get(0));
    const date = String(df.getColumn("date").get(0));
    Deno.mkdirSync(join(root, symbol), { recursive: true });
    df.writeParquet(join(root, symbol, `${date}.parquet`));
  }
}

/** The non-null values of a frame column, as numbers, in row order. */
export function values(df: pl.DataFrame, name: string): number[] {
  return (df.getColumn(name).toArray() as (number | null)[]).filter((v): v is number => v !== null);
}

/** Linear-interpolation quantile by full sort, evaluated as numpy does (the reference). */
export function refQuantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const j = Math.floor(pos), g = pos - j;
  if (g === 0) return s[j] + 0;
  const a = s[j], b = s[j + 1], d = b - a;
  return (g >= 0.5 ? b - d * (1 - g) : a + d * g) + 0;
}

/** A temp folder removed after `fn`. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "dataset_test_" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
