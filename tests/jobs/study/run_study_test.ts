/**
 * One end-to-end study on a tiny configuration: three 6-minute simulated
 * days with a thinned population, one training iteration of each algorithm
 * on the replay market, two evaluation episodes with one baseline, the
 * comparison, the realism check against the committed AAPL fixture as
 * "real" data, and the report (figure export off). Every step must write its
 * outputs; a second invocation must skip everything; an interrupted
 * training run (checkpoint, no summary) must be resumed; without real data
 * the realism check is skipped with a note and the report built without it.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runStudy, type StudyFile, type StudyPreset } from "../../../lib/jobs/study/mod.ts";
import { pathExists } from "../../../lib/core/path_exists.ts";

const TINY: StudyPreset = {
  name: "tiny",
  description: "end-to-end test",
  trainingPreset: "quick",
  training: {
    "training.backend": "cpu",
    "training.updates": 1,
    "training.envs": 2,
    "training.eval_every": 1,
    "training.eval_episodes": 1,
    "training.checkpoint_every": 1,
    "training.steps_per_iteration": 10,
    "training.mappo.rollout_steps": 10,
    "training.mappo.hidden": [8],
    "training.maddpg.hidden": [8],
    "training.maddpg.warmup_steps": 4,
    "training.maddpg.batch": 4,
    "training.maddpg.buffer": 100,
    "environment.episode_start": "09:31:00",
    "environment.episode_seconds": 1,
  },
  data: {
    model: "abides",
    startDate: "2024-01-02",
    days: { train: 1, validation: 1, test: 1 },
    sessionStart: "09:30:00",
    sessionEnd: "09:36:00",
    levels: 5,
    seed: 7,
    set: { "abides.noise.count": 100, "abides.value.count": 10 },
  },
  evaluation: { seeds: [1, 2], baselines: ["fixed-spread"] },
  compare: { resamples: 50, reference: null },
  algorithms: ["mappo", "maddpg"],
};

/** The "real" LOBSTER data of the test: the committed fixture (one AAPL pair). */
const REAL = ["tests/fixtures/lobster"];

Deno.test({
  name: "runStudy: a tiny replay study writes every stage, then skips it all, then resumes",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "study-test-" });
    try {
      const lines: string[] = [];
      const first = await runStudy({ preset: TINY, dir, exportFigures: false, realData: REAL }, {
        onStep: (s) => lines.push(`${s.id} ${s.state}`),
        progress: false,
      });
      assert.deepEqual(lines, [
        "data/sim done",
        "data/datasets done",
        "realism done",
        "train/mappo-seed1 done",
        "train/maddpg-seed1 done",
        "evaluate/mappo-seed1 done",
        "evaluate/maddpg-seed1 done",
        "compare done",
        "report done",
      ]);
      // Every stage wrote its outputs.
      for (const d of ["2024-01-02", "2024-01-03", "2024-01-04"]) {
        assert.ok(
          await pathExists(
            join(dir, "data/sim/SIM", d, `SIM_${d}_34200000_34560000_message_5.csv`),
          ),
          d,
        );
        assert.ok(await pathExists(join(dir, "data/interim/SIM", `${d}.parquet`)), d);
        assert.ok(await pathExists(join(dir, "data/features/SIM", `${d}.parquet`)), d);
      }
      assert.ok(await pathExists(join(dir, "data/datasets/study/scaler.json")));
      for (const a of ["mappo", "maddpg"]) {
        const t = join(dir, "train", `${a}-seed1`);
        assert.ok(await pathExists(join(t, "summary.json")), t);
        assert.ok(await pathExists(join(t, "models/final/mm_0/model.json")), t);
        const cfg = await Deno.readTextFile(join(t, "config.yaml"));
        assert.match(cfg, /market: replay/);
        assert.match(cfg, /scaler: .*data\/datasets\/study\/scaler\.json/);
        const e = join(dir, "evaluate", `${a}-seed1`);
        assert.ok(await pathExists(join(e, "episodes.parquet")), e);
        const s = JSON.parse(await Deno.readTextFile(join(e, "summary.json")));
        assert.equal(s.split, "test");
        assert.deepEqual(Object.keys(s.strategies).sort(), [a, "fixed-spread"].sort());
        assert.match(s.trainRun, new RegExp(`train/${a}-seed1$`));
      }
      assert.ok(await pathExists(join(dir, "compare/comparison.csv")));
      assert.ok(await pathExists(join(dir, "report/index.html")));
      // The realism check compared the 3 simulated days with the fixture, and the report shows it.
      const realism = JSON.parse(await Deno.readTextFile(join(dir, "realism/summary.json")));
      assert.deepEqual(
        realism.sessions.map((x: { group: string }) => x.group),
        ["sim", "sim", "sim", "real"],
      );
      const html = await Deno.readTextFile(join(dir, "report/index.html"));
      assert.ok(
        html.includes(`<caption>Facts (${join(dir, "realism")})</caption>`),
        "the stylized-facts table is in the report",
      );
      assert.ok(!html.includes("No realism run"), "the stylized-facts section is filled");
      assert.equal(first.report, join(dir, "report/index.html"));
      const firstStudy = JSON.parse(
        await Deno.readTextFile(join(dir, "study.json")),
      ) as StudyFile;
      assert.equal(firstStudy.state, "finished");
      assert.ok(firstStudy.steps.every((s) => s.state === "done"));

      // A second invocation skips everything.
      const second = await runStudy({ preset: TINY, dir, exportFigures: false, realData: REAL }, {
        progress: false,
      });
      assert.deepEqual(second.steps.map((s) => s.state), Array(9).fill("skipped"));

      // An interrupted training run (checkpoint, no summary) is resumed, and
      // everything reading it runs again; the other algorithm stays skipped.
      await Deno.remove(join(dir, "train/maddpg-seed1/summary.json"));
      const third = await runStudy({ preset: TINY, dir, exportFigures: false, realData: REAL }, {
        progress: false,
      });
      const by = Object.fromEntries(third.steps.map((s) => [s.id, `${s.action} ${s.state}`]));
      assert.deepEqual(by, {
        "data/sim": "skip skipped",
        "data/datasets": "check skipped",
        "realism": "skip skipped",
        "train/mappo-seed1": "skip skipped",
        "train/maddpg-seed1": "resume done",
        "evaluate/mappo-seed1": "skip skipped",
        "evaluate/maddpg-seed1": "run done",
        "compare": "run done",
        "report": "run done",
      });

      // Other baselines: every evaluation, the comparison and the report run
      // again; training and data stay.
      const fourth = await runStudy(
        { preset: TINY, dir, exportFigures: false, baselines: ["random"], realData: REAL },
        { progress: false },
      );
      assert.deepEqual(
        fourth.steps.filter((s) => s.state === "done").map((s) => s.id),
        ["evaluate/mappo-seed1", "evaluate/maddpg-seed1", "compare", "report"],
      );
      const e = JSON.parse(await Deno.readTextFile(join(dir, "evaluate/mappo-seed1/summary.json")));
      assert.deepEqual(Object.keys(e.strategies).sort(), ["mappo", "random"]);
      const study = JSON.parse(await Deno.readTextFile(join(dir, "study.json"))) as StudyFile;
      assert.deepEqual(study.baselines, ["random"]);
      assert.equal(
        study.steps.find((s) => s.id === "evaluate/mappo-seed1")?.reason,
        "its config changed since it ran",
      );

      // No real data: the check is skipped with a note; the report is rebuilt without it.
      const logs: string[] = [];
      const fifth = await runStudy(
        {
          preset: TINY,
          dir,
          exportFigures: false,
          baselines: ["random"],
          realData: [join(dir, "no-such-folder")],
        },
        { progress: false, log: (l) => logs.push(l) },
      );
      const byId = Object.fromEntries(fifth.steps.map((s) => [s.id, `${s.action} ${s.state}`]));
      assert.equal(byId["realism"], "skip skipped");
      assert.equal(byId["report"], "run done");
      assert.ok(
        logs.some((l) => l.startsWith("realism: skipped: no real LOBSTER session")),
        logs.join("\n"),
      );
      const html5 = await Deno.readTextFile(join(dir, "report/index.html"));
      assert.ok(html5.includes("No realism run"));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
