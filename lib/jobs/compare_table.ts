/**
 * The comparison table of `deno task compare` (pure; the files are written
 * by lib/jobs/compare_job.ts). Input: per strategy, one value per env seed
 * and metric ({@linkcode StrategySample}). Per metric and strategy:
 *
 * - `mean` of the finite values with a BCa bootstrap interval (lib/stats
 *   bootstrapCi; an interval of zero width when the values do not vary);
 * - `diff`: mean paired difference strategy − reference over the seeds where
 *   both are finite, with its BCa interval;
 * - `p`: the paired sign-flip permutation test of that difference (exact up
 *   to 20 pairs), and `pAdjusted`: Holm–Bonferroni over the non-reference
 *   strategies of the same metric; `mark` is "***" when pAdjusted < 0.001,
 *   "**" when < 0.01 and "*" when < 0.05. The reference's row has NaN there.
 *
 * Pairing: {@linkcode checkPairing} refuses strategies evaluated on
 * different env seeds.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { compareTable } from "./compare_table.ts";
 * const rows = compareTable([
 *   { strategy: "a", seeds: [1, 2, 3], metrics: { pnl: [1, 2, 3] } },
 *   { strategy: "b", seeds: [1, 2, 3], metrics: { pnl: [2, 4, 6] } },
 * ], { reference: "a", resamples: 200 });
 * const b = rows.find((r) => r.strategy === "b")!;
 * assert.equal(b.mean, 4);
 * assert.equal(b.diff, 2);
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { bootstrapCi } from "../stats/bootstrap.ts";
import { holmBonferroni } from "../stats/multiple_testing.ts";
import { pairedPermutationTest } from "../stats/permutation.ts";

/** One strategy's per-seed values (all metric arrays aligned with `seeds`). */
export interface StrategySample {
  strategy: string;
  /** Env seeds, one per value. */
  seeds: number[];
  metrics: Record<string, ArrayLike<number>>;
}

/** One row of the table: a strategy and a metric. */
export interface CompareRow {
  metric: string;
  strategy: string;
  reference: string;
  /** Finite values the mean is over. */
  n: number;
  mean: number;
  meanLower: number;
  meanUpper: number;
  /** Pairs the difference is over. */
  nPairs: number;
  diff: number;
  diffLower: number;
  diffUpper: number;
  p: number;
  pAdjusted: number;
  /** "", "*" (pAdjusted < 0.05), "**" (< 0.01) or "***" (< 0.001). */
  mark: string;
}

/** Options of {@linkcode compareTable}. */
export interface CompareOptions {
  /** The reference strategy's name. */
  reference: string;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Seed of the bootstrap and permutation streams (default 0). */
  seed?: number;
}

/** Throws a UsageError unless every strategy has the same env seeds (in any order, no repeats). */
export function checkPairing(samples: readonly StrategySample[]): void {
  if (samples.length === 0) return;
  const key = (s: StrategySample) => [...s.seeds].sort((a, b) => a - b).join(",");
  const first = samples[0];
  for (const s of samples) {
    if (new Set(s.seeds).size !== s.seeds.length) {
      throw new UsageError(`compare: strategy ${s.strategy} has repeated seeds`);
    }
    if (key(s) !== key(first)) {
      throw new UsageError(
        `compare: every strategy must be evaluated on the same seeds (paired); ${first.strategy} has seeds ${
          key(first)
        }, ${s.strategy} has ${key(s)}`,
      );
    }
  }
}

const meanOf = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length === 0 ? NaN : s / x.length;
};

/** Mean with a BCa interval; a zero-width interval for constant values, NaN for none. */
export function meanInterval(
  x: Float64Array,
  rng: Rng,
  resamples: number,
  level: number,
): { mean: number; lower: number; upper: number } {
  const m = meanOf(x);
  if (x.length === 0) return { mean: NaN, lower: NaN, upper: NaN };
  if (x.every((v) => v === x[0]) || x.length < 3) {
    return x.length < 3 && !x.every((v) => v === x[0])
      ? { mean: m, lower: NaN, upper: NaN }
      : { mean: m, lower: m, upper: m };
  }
  const ci = bootstrapCi(x, meanOf, { rng, resamples, level, method: "bca" });
  return { mean: m, lower: ci.lower, upper: ci.upper };
}

/** The significance mark of an adjusted p-value. */
export function significanceMark(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}

/** The comparison table (see the module docs); rows by metric, then strategy in input order. */
export function compareTable(
  samples: readonly StrategySample[],
  opts: CompareOptions,
): CompareRow[] {
  checkPairing(samples);
  const ref = samples.find((s) => s.strategy === opts.reference);
  if (ref === undefined) {
    throw new UsageError(
      `--reference: expected one of ${
        samples.map((s) => s.strategy).join(", ")
      }, found "${opts.reference}"`,
    );
  }
  const resamples = opts.resamples ?? 2000;
  const level = opts.level ?? 0.95;
  const root = Rng.fromSeed(opts.seed ?? 0);
  const refIndex = new Map(ref.seeds.map((s, i) => [s, i]));
  const metrics = Object.keys(ref.metrics);
  const rows: CompareRow[] = [];
  for (const metric of metrics) {
    const block: CompareRow[] = [];
    for (const s of samples) {
      const values = s.metrics[metric];
      if (values === undefined) {
        throw new UsageError(`compare: strategy ${s.strategy} has no metric ${metric}`);
      }
      const finite = Float64Array.from(values).filter(Number.isFinite);
      const rng = root.derive(`${metric}/${s.strategy}`);
      const m = meanInterval(finite, rng.derive("mean"), resamples, level);
      const row: CompareRow = {
        metric,
        strategy: s.strategy,
        reference: ref.strategy,
        n: finite.length,
        mean: m.mean,
        meanLower: m.lower,
        meanUpper: m.upper,
        nPairs: 0,
        diff: NaN,
        diffLower: NaN,
        diffUpper: NaN,
        p: NaN,
        pAdjusted: NaN,
        mark: "",
      };
      if (s !== ref) {
        const a: number[] = [], b: number[] = [];
        s.seeds.forEach((seed, i) => {
          const r = ref.metrics[metric][refIndex.get(seed)!];
          if (Number.isFinite(values[i]) && Number.isFinite(r)) {
            a.push(values[i]);
            b.push(r);
          }
        });
        row.nPairs = a.length;
        if (a.length > 0) {
          const d = Float64Array.from(a, (v, i) => v - b[i]);
          const di = meanInterval(d, rng.derive("diff"), resamples, level);
          row.diff = di.mean;
          row.diffLower = di.lower;
          row.diffUpper = di.upper;
          row.p = pairedPermutationTest(a, b, { rng: rng.derive("permutation") }).pValue;
        }
      }
      block.push(row);
    }
    const tested = block.filter((r) => Number.isFinite(r.p));
    const adjusted = holmBonferroni(tested.map((r) => r.p));
    tested.forEach((r, i) => {
      r.pAdjusted = adjusted[i];
      r.mark = significanceMark(adjusted[i]);
    });
    rows.push(...block);
  }
  return rows;
}
