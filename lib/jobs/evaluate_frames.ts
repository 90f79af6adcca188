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
import type { MarketColumns, StepColumns } from "./eval_step_columns.ts";

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

/** The frame of `steps.parquet` (lib/jobs/eval_step_columns.ts). */
export function evaluationStepsFrame(c: StepColumns): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("strategy", c.strategy, pl.Utf8),
    pl.Series("agent", c.agent, pl.Utf8),
    pl.Series("seed", Float64Array.from(c.seed)).cast(pl.Int64),
    pl.Series("env_seed", Float64Array.from(c.envSeed)).cast(pl.Int64),
    pl.Series("episode", Int32Array.from(c.episode)),
    pl.Series("step", Int32Array.from(c.step)),
    pl.Series("pnl", Float64Array.from(c.pnl)),
    pl.Series("inventory", Float64Array.from(c.inventory)),
  ]);
}

/** The frame of `market_steps.parquet` (lib/jobs/eval_step_columns.ts). */
export function marketStepsFrame(c: MarketColumns): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("strategy", c.strategy, pl.Utf8),
    pl.Series("env_seed", Float64Array.from(c.envSeed)).cast(pl.Int64),
    pl.Series("step", Int32Array.from(c.step)),
    pl.Series("mid_ticks", Float64Array.from(c.midTicks)),
    pl.Series("spread_ticks", Float64Array.from(c.spreadTicks)),
    pl.Series("depth_lots", Float64Array.from(c.depthLots)),
    pl.Series("signed_volume", Float64Array.from(c.signedVolume)),
    pl.Series("action_distance", Float64Array.from(c.actionDistance)),
  ]);
}
