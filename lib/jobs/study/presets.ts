/**
 * The study presets of `deno task experiments --preset demo|quick|thesis`
 * (and `deno task demo`): which training preset each study trains with, the
 * study's own overrides of it, the market data it builds first (replay
 * studies), and how the trained agents are evaluated.
 *
 * - `demo`: the whole pipeline in a few minutes on 2 CPU cores. Simulates
 *   three short weekdays with the agent-based (abides) model (09:30–10:00,
 *   5 levels: one day each for the train, validation and test splits), runs
 *   ingest → features → dataset, trains on the replay market over the train
 *   day with the dataset's scaler (validation on the validation day), and
 *   evaluates on the test day; each episode seed starts its 120 s episode
 *   somewhere in 09:35–09:55 (`environment.replay.start_jitter_s`), and the
 *   simulated days are checked against real LOBSTER data (stylized facts)
 *   when there is some. Training hyperparameters: the `quick` preset's, with
 *   40 iterations and a smaller MADDPG buffer.
 * - `quick`: the `quick` training preset as it is (Avellaneda-Stoikov model
 *   market; no data to build), evaluated on 32 held-out episodes.
 * - `thesis`: the `thesis` training preset (agent-based market, a learning
 *   market maker and a taker), evaluated on 20 held-out episodes against the
 *   market-making and execution baselines.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { studyPreset } from "./presets.ts";
 * const demo = studyPreset("demo");
 * assert.equal(demo.trainingPreset, "quick");
 * assert.deepEqual(demo.data?.days, { train: 1, validation: 1, test: 1 });
 * assert.throws(() => studyPreset("nope"), /expected one of demo, quick, thesis/);
 * ```
 * @module
 */

import { UsageError } from "../../core/errors.ts";

/** The learning algorithms a study trains. */
export const STUDY_ALGORITHMS = ["mappo", "maddpg"] as const;
/** One algorithm. */
export type StudyAlgorithm = typeof STUDY_ALGORITHMS[number];

/** Market data a replay study simulates and prepares before training. */
export interface StudyDataSpec {
  /** Base data config (simulate, ingest, dataset sections); default configs/data.yaml. */
  dataConfig?: string;
  /** Base features config; default configs/features.yaml. */
  featuresConfig?: string;
  /** Simulation model (simulate.model). */
  model: "abides" | "zi";
  /** First simulated weekday (YYYY-MM-DD). */
  startDate: string;
  /** Weekdays per split, in this order after `startDate`: train (the dataset's dev split), validation, test. */
  days: { train: number; validation: number; test: number };
  /** Session hours, exchange local time (HH:MM:SS). */
  sessionStart: string;
  sessionEnd: string;
  /** Book levels per side of the simulated files. */
  levels: number;
  /** Master seed of the simulation. */
  seed: number;
  /** More data-config overrides as key paths (e.g. `{ "abides.noise.count": 100 }`). */
  set?: Record<string, unknown>;
  /** More features-config overrides as key paths. */
  featuresSet?: Record<string, unknown>;
}

/** A study preset (see the module docs). */
export interface StudyPreset {
  /** Name (the default study folder is outputs/experiments/<name>). */
  name: string;
  /** One line for `--help` and study.json. */
  description: string;
  /** Training preset merged over configs/training.yaml (a name in configs/presets or a .yaml path). */
  trainingPreset: string;
  /** Base training config; default configs/training.yaml. */
  trainingConfig?: string;
  /** Overrides of the training config as key paths, applied over the preset. */
  training: Record<string, unknown>;
  /** Market data built first (the replay market trains and tests on it); null = none. */
  data: StudyDataSpec | null;
  /** Evaluation on the test split. */
  evaluation: {
    /** Episode seeds (one episode each, common to every strategy). */
    seeds: number[];
    /** Baselines evaluated on the same episodes. */
    baselines: string[];
  };
  /** Comparison: bootstrap resamples and the reference strategy (null = the first baseline, else the first learned). */
  compare: { resamples: number; reference: string | null };
  /** Algorithms trained when the caller names none. */
  algorithms: StudyAlgorithm[];
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

const MAKER_BASELINES = ["avellaneda-stoikov", "fixed-spread", "random"];

/** The built-in study presets. */
export const STUDY_PRESETS: Readonly<Record<string, StudyPreset>> = {
  demo: {
    name: "demo",
    description:
      "whole pipeline in minutes: 3 simulated half-hour days → data → replay training (quick preset, 40 iterations) → test-day evaluation → report",
    trainingPreset: "quick",
    training: {
      "training.updates": 40,
      "training.eval_every": 5,
      // The replay market itself is deterministic; each seed picks its window (start jitter
      // below), so four validation episodes see four windows of the validation day.
      "training.eval_episodes": 4,
      "training.checkpoint_every": 10,
      "training.maddpg.buffer": 50000,
      "environment.episode_start": "09:35:00",
      "environment.episode_seconds": 120,
      // Each episode seed starts on the 100 ms grid in 09:35–09:55 (ends by 09:57, inside the
      // 09:30–10:00 day): training sees varied windows of the train day, the evaluation seeds
      // different windows of the test day.
      "environment.replay.start_jitter_s": 1200,
    },
    data: {
      model: "abides",
      startDate: "2024-01-02",
      days: { train: 1, validation: 1, test: 1 },
      sessionStart: "09:30:00",
      sessionEnd: "10:00:00",
      levels: 5,
      seed: 42,
    },
    evaluation: { seeds: range(20), baselines: MAKER_BASELINES },
    compare: { resamples: 2000, reference: null },
    algorithms: ["mappo", "maddpg"],
  },
  quick: {
    name: "quick",
    description: "the quick training preset (Avellaneda-Stoikov model market), 32 test episodes",
    trainingPreset: "quick",
    training: {},
    data: null,
    evaluation: { seeds: range(32), baselines: MAKER_BASELINES },
    compare: { resamples: 2000, reference: null },
    algorithms: ["mappo", "maddpg"],
  },
  thesis: {
    name: "thesis",
    description:
      "the thesis training preset (agent-based market, a learning market maker and taker), 20 test episodes",
    trainingPreset: "thesis",
    training: {},
    data: null,
    evaluation: {
      seeds: range(20),
      baselines: [
        "avellaneda-stoikov",
        "gueant-lehalle-fernandez-tapia",
        "fixed-spread",
        "twap",
        "vwap",
        "random",
      ],
    },
    compare: { resamples: 2000, reference: null },
    algorithms: ["mappo", "maddpg"],
  },
};

/** The built-in preset `name` (a {@linkcode UsageError} naming the choices otherwise). */
export function studyPreset(name: string): StudyPreset {
  const p = STUDY_PRESETS[name];
  if (p === undefined) {
    throw new UsageError(
      `--preset: expected one of ${Object.keys(STUDY_PRESETS).join(", ")}, found "${name}"`,
    );
  }
  return p;
}
