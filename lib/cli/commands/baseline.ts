/**
 * `deno task baseline`: runs a classical strategy (lib/baselines/) in the
 * multi-agent environment for N episodes and writes a run folder with
 * per-episode and per-step Parquet files and a JSON summary (mean and
 * standard deviation of terminal PnL and final inventory per strategy).
 *
 *     deno task baseline --strategy avellaneda-stoikov --episodes 100 --seed 1 --market as-model
 *     deno task baseline --strategy twap --set baseline.parent_order.side=sell --market abm
 *     deno task baseline --strategy gueant-lehalle-fernandez-tapia --market as-model --gamma 0.01 \
 *       --set environment.as_model.model.sigma=1
 *     deno task baseline --list
 * @module
 */

import { parse as parseYaml } from "yaml";
import { formatTable } from "../../core/format.ts";
import { UsageError } from "../../core/errors.ts";
import { BaselineRunConfigSchema } from "../../config/schemas/baseline.ts";
import { BASELINES } from "../../baselines/registry.ts";
import {
  agentCountOverrides,
  AS_MODEL_PAPER_ACCOUNTING,
  type BaselineSummary,
  marketFlag,
  runBaselineJob,
} from "../../jobs/baseline_job.ts";
import type { Command, CommandContext } from "../command.ts";
import { configFlags, loadCommandConfig, openRun } from "./_config_run.ts";

/** `--param key=value` entries as config key paths (values parsed as YAML scalars). */
export function paramExtras(
  entries: readonly string[],
  prefix = "baseline.params",
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const raw of entries) {
    const eq = raw.indexOf("=");
    const key = eq < 0 ? "" : raw.slice(0, eq).trim();
    if (key === "" || key.includes(".")) {
      throw new UsageError(`--param: expected name=value (e.g. gamma=0.1), found "${raw}"`);
    }
    out[`${prefix}.${key}`] = parseYaml(raw.slice(eq + 1)) ?? null;
  }
  return out;
}

/** The strategies and their parameters, as printed by `--list`. */
export function strategyTable(): string {
  const rows: Record<string, string>[] = [];
  for (const b of BASELINES) {
    rows.push({
      strategy: b.name,
      roles: b.roles.join(", "),
      parameter: "",
      default: "",
      meaning: b.summary,
    });
    for (const p of b.params) {
      rows.push({
        strategy: "",
        roles: "",
        parameter: p.name,
        default: String(p.default),
        meaning: p.description,
      });
    }
  }
  return formatTable(rows);
}

function printSummary(ctx: CommandContext, s: BaselineSummary): void {
  const f = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : String(x));
  ctx.print(
    formatTable(
      Object.entries(s.strategies).map(([name, r]) => ({
        strategy: name,
        role: r.role,
        samples: r.samples,
        "mean PnL": f(r.terminalPnl.mean),
        "std PnL": f(r.terminalPnl.std),
        "mean final q": f(r.finalInventory.mean),
        "std final q": f(r.finalInventory.std),
        "mean fills": f(r.meanFills),
      })),
    ),
  );
  ctx.print(
    `${s.episodes} episodes of ${s.stepsPerEpisode} steps on ${s.market} (seeds ${s.seeds.first}…${s.seeds.last}, ${s.accounting} accounting)`,
  );
}

/** The `baseline` command. */
export const baselineCommand: Command = {
  name: "baseline",
  summary: "Run a baseline strategy for N episodes: PnL, inventory and fill series, summary",
  description:
    "Runs the strategy for every learning agent of its role (the other role's count is set to 0 unless --counterpart names a strategy for it) for N episodes with seeds seed, seed+1, …, and writes episodes.parquet, steps.parquet and summary.json (mean and standard deviation of terminal PnL and final inventory). --market as-model selects the Avellaneda-Stoikov model market with the paper's accounting (no fees, penalties or liquidation cost: terminal PnL = cash + inventory × final mid); its parameters are set with --set environment.as_model.model.<key>=…, the strategy's with --gamma or --param name=value.",
  flags: [
    ...configFlags("configs/environment.yaml"),
    {
      name: "strategy",
      type: "string",
      description: "Strategy name (sets baseline.strategy; --list shows them)",
      valueName: "name",
    },
    { name: "episodes", type: "integer", description: "Episodes to run (sets baseline.episodes)" },
    {
      name: "seed",
      type: "integer",
      description: "Seed of the first episode (sets baseline.seed)",
    },
    {
      name: "market",
      type: "string",
      description: "as-model (paper accounting), abm or replay (sets environment.market)",
      valueName: "name",
    },
    {
      name: "gamma",
      type: "number",
      description:
        "Risk aversion γ of avellaneda-stoikov / gueant-lehalle-fernandez-tapia (sets baseline.params.gamma)",
    },
    {
      name: "param",
      type: "string[]",
      description: "A strategy parameter: --param name=value (sets baseline.params.name)",
      valueName: "name=value",
    },
    {
      name: "counterpart",
      type: "string",
      description: "Strategy of the other role's agents, or none (sets baseline.counterpart)",
      valueName: "name",
    },
    {
      name: "list",
      type: "boolean",
      description: "List the strategies and their parameters, and exit",
    },
  ],
  async run(ctx) {
    if (ctx.flags.list === true) {
      ctx.print(strategyTable());
      return {
        strategies: BASELINES.map((b) => ({
          name: b.name,
          roles: b.roles,
          summary: b.summary,
          params: b.params,
        })),
      };
    }
    const market = typeof ctx.flags.market === "string" ? marketFlag(ctx.flags.market) : undefined;
    const extra: Record<string, unknown> = {
      ...(market === "as_model" ? AS_MODEL_PAPER_ACCOUNTING : { "environment.market": market }),
      "baseline.strategy": ctx.flags.strategy,
      "baseline.episodes": ctx.flags.episodes,
      "baseline.seed": ctx.flags.seed,
      "baseline.counterpart": ctx.flags.counterpart,
      "baseline.params.gamma": ctx.flags.gamma,
      ...paramExtras((ctx.flags.param as string[] | undefined) ?? []),
    };
    // First pass: which strategy and counterpart; then the agent counts they need.
    const first = await loadCommandConfig(ctx, BaselineRunConfigSchema, extra);
    const counts = agentCountOverrides(
      first.config.baseline.strategy,
      first.config.baseline.counterpart,
    );
    const loaded = Object.keys(counts).length === 0
      ? first
      : await loadCommandConfig(ctx, BaselineRunConfigSchema, { ...counts, ...extra });
    const run = await openRun(ctx, "baseline", loaded, loaded.config.baseline.seed, []);
    const summary = await runBaselineJob(loaded.config, run, { progress: ctx.progress });
    await run.finish(summary);
    printSummary(ctx, summary);
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
