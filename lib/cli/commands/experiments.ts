/**
 * `deno task experiments`: the full study (lib/jobs/study/): every
 * algorithm × seed trained, each evaluated with the baselines on the test
 * split (common random numbers), then the comparison table and the report,
 * in `outputs/experiments/<preset>/` (or `--out`). Finished runs are skipped
 * and checkpointed training runs resumed, so an interrupted study picks up
 * where it stopped; `study.json` lists every run and its state.
 *
 *     deno task experiments --preset thesis --seeds 1..5
 *     deno task experiments --preset quick --seeds 1..3 --algorithms mappo maddpg \
 *       --baselines avellaneda-stoikov fixed-spread
 * @module
 */

import { UsageError } from "../../core/errors.ts";
import { parseSeedRange } from "../args.ts";
import { STUDY_ALGORITHMS, STUDY_PRESETS } from "../../jobs/study/presets.ts";
import { runStudy, type StudyResult, studyStepLine } from "../../jobs/study/run_study.ts";
import type { Command, CommandContext } from "../command.ts";

/** Splits `--algorithms` / `--baselines` values and leftover positionals into the two lists. */
export function studyNames(
  algorithms: readonly string[],
  baselines: readonly string[],
  positionals: readonly string[],
): { algorithms: string[]; baselines: string[] } {
  const split = (xs: readonly string[]) => xs.flatMap((x) => x.split(",")).filter((x) => x !== "");
  const a = split(algorithms), b = split(baselines);
  for (const name of split(positionals)) {
    if ((STUDY_ALGORITHMS as readonly string[]).includes(name)) a.push(name);
    else b.push(name);
  }
  return { algorithms: a, baselines: b };
}

/** Prints the study's steps as they end and its outcome; shared with `demo`. */
export async function runStudyCommand(
  ctx: CommandContext,
  options: Parameters<typeof runStudy>[0],
): Promise<StudyResult> {
  const result = await runStudy(options, {
    log: (line) => ctx.log(line),
    onStep: (step) => ctx.print(studyStepLine(step)),
    progress: ctx.quiet ? false : undefined,
  });
  ctx.print(`study: ${result.studyFile} (${result.seconds.toFixed(1)} s)`);
  ctx.print(`report: ${result.report}`);
  return result;
}

/** The `experiments` command. */
export const experimentsCommand: Command = {
  name: "experiments",
  summary:
    "Run the full study: train every algorithm × seed, evaluate, compare, report (resumable)",
  description: `Presets: ${
    Object.values(STUDY_PRESETS).map((p) => `${p.name} (${p.description})`).join("; ")
  }. Run folders: <out>/train/<algorithm>-seed<k>/, <out>/evaluate/<algorithm>-seed<k>/, <out>/compare/, <out>/report/index.html, and <out>/data/ for replay studies. A run whose folder holds summary.json is skipped; a training run with a checkpoint is resumed; <out>/study.json lists every run and its state.`,
  flags: [
    {
      name: "preset",
      type: "string",
      description: `Study preset: ${Object.keys(STUDY_PRESETS).join(", ")}`,
      default: "quick",
      valueName: "name",
    },
    { name: "seeds", type: "string", description: "Training seeds, e.g. 1..5", default: "1..3" },
    {
      name: "algorithms",
      type: "string[]",
      description: "mappo and/or maddpg (default: both)",
      valueName: "name",
    },
    {
      name: "baselines",
      type: "string[]",
      description: "Baselines evaluated on the same episodes (default: the preset's)",
      valueName: "name",
    },
    {
      name: "episodes",
      type: "integer",
      description: "Evaluation episodes on the test split (seeds 1..N; default: the preset's)",
    },
    {
      name: "set",
      type: "string[]",
      description: "Override a training config value of every run: --set training.updates=10",
      valueName: "key=value",
    },
    {
      name: "out",
      type: "string",
      description: "Study folder (default: outputs/experiments/<preset>)",
      valueName: "dir",
    },
    { name: "no-figures", type: "boolean", description: "Skip the report's SVG/PNG export" },
  ],
  positionals: [{
    name: "names",
    description: "more algorithm or baseline names (after --algorithms / --baselines)",
    optional: true,
    variadic: true,
  }],
  run(ctx) {
    const names = studyNames(
      ctx.flags.algorithms as string[],
      ctx.flags.baselines as string[],
      ctx.positionals,
    );
    const episodes = ctx.flags.episodes as number | undefined;
    if (episodes !== undefined && episodes < 1) {
      throw new UsageError(`--episodes: expected an integer ≥ 1, found ${episodes}`);
    }
    return runStudyCommand(ctx, {
      preset: ctx.flags.preset as string,
      seeds: parseSeedRange(ctx.flags.seeds as string),
      ...(names.algorithms.length > 0 ? { algorithms: names.algorithms } : {}),
      ...(names.baselines.length > 0 ? { baselines: names.baselines } : {}),
      ...(episodes === undefined
        ? {}
        : { evaluationSeeds: Array.from({ length: episodes }, (_, i) => i + 1) }),
      ...(typeof ctx.flags.out === "string" ? { dir: ctx.flags.out } : {}),
      set: ctx.flags.set as string[],
      exportFigures: !(ctx.flags["no-figures"] as boolean),
      argv: ctx.argv,
    });
  },
};
