/**
 * The parameters cell of every notebook: preset, seed and paths, with
 * environment overrides so that the runner (`deno task notebooks`) can set
 * them: `NB_PRESET` (quick | thesis), `NB_SEED` (integer), `NB_OUT` (output
 * folder), `NB_PLAN` (JSON object overriding sizes of the preset's plan, e.g.
 * `{"sessionEnd":"09:45:00"}`; used by the tests to run a tiny notebook). The working directory is moved to the repository root, so that
 * relative paths (configs/, outputs/) mean the same from Jupyter (whose
 * kernel starts in notebooks/) as from the CLI.
 *
 * Sizes per preset ({@linkcode presetPlan}): "quick" keeps all four notebooks
 * within a few minutes on 2 cores; "thesis" is the full study.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { resolveParams } from "./params.ts";
 * const p = resolveParams({ preset: "quick", seed: 3 }, { NB_SEED: "9" });
 * assert.equal(p.seed, 9);
 * assert.equal(p.out, "outputs/notebooks/quick");
 * assert.equal(p.plan.simDays, 3);
 * ```
 * @module
 */

import { fileURLToPath } from "node:url";
import { ConfigError } from "../core/errors.ts";

/** The presets a notebook can run. */
export const NOTEBOOK_PRESETS = ["quick", "thesis"] as const;

/** A notebook preset. */
export type NotebookPreset = typeof NOTEBOOK_PRESETS[number];

/** Sizes of the notebook sequence for one preset. */
export interface PresetPlan {
  /** Simulated trading days (one per split: dev, validation, test at least). */
  simDays: number;
  /** Simulated session end (exchange local time; the session starts 09:30). */
  sessionEnd: string;
  /** Simulator model (zi is fast; abides is the agent-based market). */
  model: "zi" | "abides";
  /** Training iterations per algorithm (training.updates). */
  trainUpdates: number;
  /** Evaluate every this many iterations during training. */
  evalEvery: number;
  /** Evaluation episodes during training. */
  trainEvalEpisodes: number;
  /** Test-split seeds of the evaluation (1..evalSeeds). */
  evalSeeds: number;
  /** Bootstrap resamples of the comparison. */
  resamples: number;
  /** Baselines evaluated against the learners. */
  baselines: string[];
}

/** The plan of each preset. */
export const PRESET_PLANS: Readonly<Record<NotebookPreset, PresetPlan>> = {
  quick: {
    simDays: 3,
    sessionEnd: "10:30:00",
    model: "zi",
    trainUpdates: 10,
    evalEvery: 5,
    trainEvalEpisodes: 16,
    evalSeeds: 8,
    resamples: 500,
    baselines: ["avellaneda-stoikov", "fixed-spread"],
  },
  thesis: {
    simDays: 20,
    sessionEnd: "16:00:00",
    model: "abides",
    trainUpdates: 400,
    evalEvery: 10,
    trainEvalEpisodes: 128,
    evalSeeds: 30,
    resamples: 5000,
    baselines: ["avellaneda-stoikov", "fixed-spread", "random"],
  },
};

/** Resolved notebook parameters. */
export interface NotebookParams {
  preset: NotebookPreset;
  /** Master seed of every step. */
  seed: number;
  /** Output folder of the notebook sequence (outputs/notebooks/<preset> by default). */
  out: string;
  /** Real LOBSTER data for ingest and the realism comparison. */
  realData: string;
  /** The preset's sizes, after any overrides. */
  plan: PresetPlan;
}

/** What a notebook's parameters cell may set. */
export interface ParamsInput {
  preset?: NotebookPreset;
  seed?: number;
  out?: string;
  realData?: string;
  /** Overrides of the preset's plan. */
  plan?: Partial<PresetPlan>;
}

/** Parameters from the cell's values, overridden by NB_PRESET, NB_SEED and NB_OUT in `env`. */
export function resolveParams(
  input: ParamsInput,
  env: Record<string, string | undefined>,
): NotebookParams {
  const preset = env.NB_PRESET ?? input.preset ?? "quick";
  if (!(NOTEBOOK_PRESETS as readonly string[]).includes(preset)) {
    throw new ConfigError({
      keyPath: "notebook parameter preset (NB_PRESET)",
      expected: "quick or thesis",
      found: `"${preset}"`,
    });
  }
  const seedText = env.NB_SEED;
  const seed = seedText === undefined || seedText === "" ? input.seed ?? 1 : Number(seedText);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new ConfigError({
      keyPath: "notebook parameter seed (NB_SEED)",
      expected: "a non-negative integer",
      found: `"${seedText ?? seed}"`,
    });
  }
  const p = preset as NotebookPreset;
  const out = env.NB_OUT !== undefined && env.NB_OUT !== ""
    ? env.NB_OUT
    : input.out ?? `outputs/notebooks/${p}`;
  let envPlan: Partial<PresetPlan> = {};
  if (env.NB_PLAN !== undefined && env.NB_PLAN !== "") {
    try {
      envPlan = JSON.parse(env.NB_PLAN);
    } catch {
      envPlan = null as unknown as Partial<PresetPlan>;
    }
    if (typeof envPlan !== "object" || envPlan === null || Array.isArray(envPlan)) {
      throw new ConfigError({
        keyPath: "notebook parameter plan (NB_PLAN)",
        expected: "a JSON object of plan sizes",
        found: env.NB_PLAN,
      });
    }
  }
  return {
    preset: p,
    seed,
    out,
    realData: input.realData ?? "../shared/data/lobster",
    plan: { ...PRESET_PLANS[p], ...input.plan, ...envPlan },
  };
}

/** The repository root (two folders above this file). */
export function repoRoot(): string {
  return fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
}

/**
 * The parameters cell: moves the working directory to the repository root and
 * resolves the parameters from `input` and the environment (NB_PRESET,
 * NB_SEED, NB_OUT).
 */
export function notebookParams(input: ParamsInput = {}): NotebookParams {
  Deno.chdir(repoRoot());
  return resolveParams(input, {
    NB_PRESET: Deno.env.get("NB_PRESET"),
    NB_SEED: Deno.env.get("NB_SEED"),
    NB_OUT: Deno.env.get("NB_OUT"),
    NB_PLAN: Deno.env.get("NB_PLAN"),
  });
}
