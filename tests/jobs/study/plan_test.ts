/** The study plan: which runs a study needs, which are skipped, resumed or run again. */

import { strict as assert } from "node:assert";
import { planStudy, runName, studyLayout } from "../../../lib/jobs/study/plan.ts";
import { studyDataPlan } from "../../../lib/jobs/study/data_plan.ts";
import { studyPreset } from "../../../lib/jobs/study/presets.ts";
import { studyNames } from "../../../lib/cli/commands/experiments.ts";

const req = { dir: "st", algorithms: ["mappo", "maddpg"], seeds: [1, 2], withData: false };
const done = { finished: true, checkpoint: null };

function actions(plan: ReturnType<typeof planStudy>): Record<string, string> {
  return Object.fromEntries(plan.map((p) => [p.id, p.action]));
}

Deno.test("planStudy: an empty folder runs every algorithm × seed, then compare and report", () => {
  const plan = planStudy(req, {});
  assert.deepEqual(plan.map((p) => p.id), [
    "train/mappo-seed1",
    "train/mappo-seed2",
    "train/maddpg-seed1",
    "train/maddpg-seed2",
    "evaluate/mappo-seed1",
    "evaluate/mappo-seed2",
    "evaluate/maddpg-seed1",
    "evaluate/maddpg-seed2",
    "compare",
    "report",
  ]);
  assert.ok(plan.every((p) => p.action === "run"));
  assert.equal(plan[2].path, "st/train/maddpg-seed1");
  assert.equal(plan[2].algorithm, "maddpg");
  assert.equal(plan[2].seed, 1);
  assert.deepEqual(plan[6].needs, ["train/maddpg-seed1"]);
  assert.equal(plan[8].needs.length, 4);
});

Deno.test("planStudy: finished runs are skipped, checkpointed training runs resumed", () => {
  const l = studyLayout("st");
  const states = {
    [l.train("mappo", 1)]: done,
    [l.evaluate("mappo", 1)]: done,
    [l.train("mappo", 2)]: { finished: false, checkpoint: 20 },
    [l.evaluate("mappo", 2)]: done, // stale: its training run continues
    [l.train("maddpg", 1)]: done,
    [l.compare]: done,
    [l.report]: done,
  };
  const plan = planStudy(req, states);
  assert.deepEqual(actions(plan), {
    "train/mappo-seed1": "skip",
    "train/mappo-seed2": "resume",
    "train/maddpg-seed1": "skip",
    "train/maddpg-seed2": "run",
    "evaluate/mappo-seed1": "skip",
    "evaluate/mappo-seed2": "run",
    "evaluate/maddpg-seed1": "run",
    "evaluate/maddpg-seed2": "run",
    compare: "run",
    report: "run",
  });
  const resume = plan.find((p) => p.id === "train/mappo-seed2")!;
  assert.equal(resume.reason, "checkpoint at iteration 20");
  assert.equal(plan.find((p) => p.id === "evaluate/mappo-seed2")!.reason, "train/mappo-seed2 runs");
  assert.equal(plan.find((p) => p.id === "compare")!.reason, "evaluate/mappo-seed2 and 2 more run");
});

Deno.test("planStudy: a finished study skips everything; a finished run beats its checkpoint", () => {
  const l = studyLayout("st");
  const states: Record<string, { finished: boolean; checkpoint: number | null }> = {};
  for (const a of req.algorithms) {
    for (const s of req.seeds) {
      states[l.train(a, s)] = { finished: true, checkpoint: 40 };
      states[l.evaluate(a, s)] = done;
    }
  }
  states[l.compare] = done;
  states[l.report] = done;
  assert.ok(planStudy(req, states).every((p) => p.action === "skip"));
  // Without the report only the report runs.
  delete states[l.report];
  const plan = planStudy(req, states);
  assert.deepEqual(plan.filter((p) => p.action !== "skip").map((p) => p.id), ["report"]);
  assert.equal(plan.at(-1)!.reason, "not built yet");
});

Deno.test("planStudy: a folder made from another config runs again from the start", () => {
  const l = studyLayout("st");
  const one = { ...req, algorithms: ["mappo"], seeds: [1] };
  const plan = planStudy(one, {
    [l.train("mappo", 1)]: { finished: false, checkpoint: 10, stale: true },
    [l.evaluate("mappo", 1)]: done,
    [l.compare]: done,
    [l.report]: done,
  });
  assert.deepEqual(actions(plan), {
    "train/mappo-seed1": "run",
    "evaluate/mappo-seed1": "run",
    compare: "run",
    report: "run",
  });
  assert.equal(plan[0].reason, "its config changed since it ran");
  // Only the report was built from other runs.
  const rep = planStudy(one, {
    [l.train("mappo", 1)]: done,
    [l.evaluate("mappo", 1)]: done,
    [l.compare]: done,
    [l.report]: { finished: true, checkpoint: null, stale: true },
  });
  assert.deepEqual(rep.map((p) => p.action), ["skip", "skip", "skip", "run"]);
  assert.equal(rep[3].reason, "built from other runs");
});

Deno.test("planStudy: replay studies simulate and prepare first", () => {
  const l = studyLayout("st");
  const withData = { ...req, algorithms: ["mappo"], seeds: [1], withData: true };
  const fresh = planStudy(withData, {});
  assert.deepEqual(fresh.map((p) => `${p.kind}:${p.action}`), [
    "simulate:run",
    "prepare:run",
    "train:run",
    "evaluate:run",
    "compare:run",
    "report:run",
  ]);
  assert.deepEqual(fresh[2].needs, ["data/datasets"]);
  assert.deepEqual(fresh[3].needs, ["train/mappo-seed1", "data/datasets"]);
  // Simulated and prepared: prepare only checks its stamps.
  const again = planStudy(withData, { [l.sim]: done, [l.datasets]: done });
  assert.deepEqual(again.slice(0, 2).map((p) => p.action), ["skip", "check"]);
  // The simulation is gone: prepare runs even though a dataset exists.
  const resim = planStudy(withData, { [l.datasets]: done });
  assert.deepEqual(resim.slice(0, 2).map((p) => p.action), ["run", "run"]);
  assert.equal(resim[1].reason, "the simulation runs");
});

Deno.test("planStudy: the realism check runs after the simulation, is skipped when done, feeds the report", () => {
  const l = studyLayout("st");
  const one = { ...req, algorithms: ["mappo"], seeds: [1], withData: true, realData: true };
  const fresh = planStudy(one, {});
  assert.deepEqual(fresh.map((p) => `${p.kind}:${p.action}`), [
    "simulate:run",
    "prepare:run",
    "realism:run",
    "train:run",
    "evaluate:run",
    "compare:run",
    "report:run",
  ]);
  assert.equal(fresh[2].id, "realism");
  assert.equal(fresh[2].path, l.realism);
  assert.deepEqual(fresh[2].needs, ["data/sim"]);
  assert.equal(fresh[2].reason, "the simulation runs");
  assert.deepEqual(fresh.at(-1)!.needs, [
    "realism",
    "train/mappo-seed1",
    "evaluate/mappo-seed1",
    "compare",
  ]);
  const all = {
    [l.sim]: done,
    [l.datasets]: done,
    [l.realism]: done,
    [l.train("mappo", 1)]: done,
    [l.evaluate("mappo", 1)]: done,
    [l.compare]: done,
    [l.report]: done,
  };
  // A finished study skips the check too.
  assert.deepEqual(actions(planStudy(one, all)), {
    "data/sim": "skip",
    "data/datasets": "check",
    realism: "skip",
    "train/mappo-seed1": "skip",
    "evaluate/mappo-seed1": "skip",
    compare: "skip",
    report: "skip",
  });
  // Only the check is missing (or stale): it runs, and so does the report.
  const { [l.realism]: _gone, ...noRealism } = all;
  const missing = planStudy(one, noRealism);
  assert.deepEqual(missing.filter((p) => p.action === "run").map((p) => p.id), [
    "realism",
    "report",
  ]);
  assert.equal(missing.at(-1)!.reason, "realism run");
  const stale = planStudy(one, { ...all, [l.realism]: { ...done, stale: true } });
  assert.equal(stale.find((p) => p.id === "realism")!.action, "run");
  assert.equal(stale.find((p) => p.id === "realism")!.reason, "its config changed since it ran");
  // A new simulation makes it run again.
  const { [l.sim]: _sim, ...noSim } = all;
  assert.equal(planStudy(one, noSim).find((p) => p.id === "realism")!.action, "run");
});

Deno.test("planStudy: without real data the realism check is skipped, whatever runs before it", () => {
  const one = { ...req, algorithms: ["mappo"], seeds: [1], withData: true, realData: false };
  const plan = planStudy(one, {});
  const r = plan.find((p) => p.kind === "realism")!;
  assert.equal(r.action, "skip");
  assert.equal(r.reason, "no real LOBSTER data found");
  assert.deepEqual(r.needs, [], "nothing upstream can make it run");
  assert.ok(!plan.at(-1)!.needs.includes("realism"), "the report does not wait for it");
  // Studies without data, or without a realism request, have no such step.
  assert.ok(!planStudy({ ...req, realData: true }, {}).some((p) => p.kind === "realism"));
  assert.ok(!planStudy({ ...one, realData: undefined }, {}).some((p) => p.kind === "realism"));
});

Deno.test("runName and studyLayout: deterministic folder names", () => {
  assert.equal(runName("maddpg", 12), "maddpg-seed12");
  const l = studyLayout("outputs/experiments/thesis");
  assert.equal(l.train("mappo", 3), "outputs/experiments/thesis/train/mappo-seed3");
  assert.equal(l.evaluate("mappo", 3), "outputs/experiments/thesis/evaluate/mappo-seed3");
  assert.equal(l.studyFile, "outputs/experiments/thesis/study.json");
  assert.equal(l.report, "outputs/experiments/thesis/report");
  assert.equal(l.realism, "outputs/experiments/thesis/realism");
});

Deno.test("studyDataPlan: one date range per split over consecutive weekdays", () => {
  const spec = { ...studyPreset("demo").data!, days: { train: 2, validation: 1, test: 2 } };
  // 2024-01-04 is a Thursday: Thu, Fri | Mon | Tue, Wed.
  const p = studyDataPlan({ ...spec, startDate: "2024-01-04" }, "d", "XYZ");
  assert.deepEqual(p.dates, {
    train: ["2024-01-04", "2024-01-05"],
    validation: ["2024-01-08"],
    test: ["2024-01-09", "2024-01-10"],
  });
  assert.deepEqual(p.dataExtra["dataset.splits"], {
    dev: { start: "2024-01-04", end: "2024-01-05" },
    val: { start: "2024-01-08", end: "2024-01-08" },
    test: { start: "2024-01-09", end: "2024-01-10" },
  });
  assert.equal(p.dataExtra["simulate.days"], 5);
  assert.equal(
    p.messageFiles.train[1],
    "d/sim/XYZ/2024-01-05/XYZ_2024-01-05_34200000_36000000_message_5.csv",
  );
  assert.equal(p.dataExtra["features.input"], undefined);
  assert.equal(p.featuresExtra["features.input"], "d/interim");
});

Deno.test("studyNames: leftover positionals go to algorithms or baselines by name", () => {
  assert.deepEqual(studyNames(["mappo"], ["twap,vwap"], ["maddpg", "random"]), {
    algorithms: ["mappo", "maddpg"],
    baselines: ["twap", "vwap", "random"],
  });
  assert.deepEqual(studyNames([], [], []), { algorithms: [], baselines: [] });
});
