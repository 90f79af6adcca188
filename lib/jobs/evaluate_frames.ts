/**
 * The Polars frame of `deno task evaluate`'s `episodes.parquet`: one row per
 * strategy, episode and agent, columns `strategy`, `kind`, `agent`, `role`
 * (Utf8), `seed`, `env_seed` (Int64) and the metric columns of
 * {@linkcode EPISODE_METRICS} (Float64). Polars needs --allow-ffi and
 * --allow-sys; import this module lazily.
 * @module
 */

import pl from "nodejs-polars";
import { EPISODE_METRICS } from "./eval_metrics.ts";
import type { EvaluationRow } from "./evaluate_job.ts";

/** The frame of evaluation rows (see the module docs). */
export function evaluationFrame(rows: readonly EvaluationRow[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("strategy", rows.map((r) => r.strategy), pl.Utf8),
    pl.Series("kind", rows.map((r) => r.kind), pl.Utf8),
    pl.Series("seed", Float64Array.from(rows, (r) => r.seed)).cast(pl.Int64),
    pl.Series("env_seed", Float64Array.from(rows, (r) => r.envSeed)).cast(pl.Int64),
    pl.Series("agent", rows.map((r) => r.agent), pl.Utf8),
    pl.Series("role", rows.map((r) => r.role), pl.Utf8),
    ...EPISODE_METRICS.map((m) => pl.Series(m, Float64Array.from(rows, (r) => r.metrics[m]))),
  ]);
}
