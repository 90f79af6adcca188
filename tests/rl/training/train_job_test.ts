/** The training loop: run folder layout, resume equality, NaN stop, loadPolicy round trip. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { listCheckpoints, runTrainJob } from "../../../lib/jobs/train_job.ts";
import { NonFiniteError } from "../../../lib/rl/nn/finite.ts";
import { loadPolicy } from "../../../lib/rl/training/policy_files.ts";
import { readState } from "../../../lib/rl/training/state_io.ts";
import { Mappo, type MappoState } from "../../../lib/rl/algorithms/mappo.ts";
import { mappoConfigOf } from "../../../lib/config/schemas/training.ts";
import { tinyConfig, tinyRun } from "./_tiny.ts";

const WALL_CLOCK = new Set(["seconds", "steps_per_second"]);

function frame(path: string): Record<string, unknown[]> {
  const df = pl.readParquet(path);
  const out: Record<string, unknown[]> = {};
  for (const c of df.columns) if (!WALL_CLOCK.has(c)) out[c] = df.getColumn(c).toArray();
  return out;
}

Deno.test("train: a tiny MAPPO run writes the run folder layout", async () => {
  const cfg = tinyConfig("mappo", { checkpoint_every: 3, keep_last: 1 });
  const run = await tinyRun(cfg);
  try {
    const s = await runTrainJob(cfg, run, { progress: false });
    await run.finish(s);
    assert.equal(s.iterations, 6);
    assert.equal(s.backend, "cpu");
    assert.equal(run.manifest.backend, "cpu");
    assert.deepEqual(s.agents, ["mm_0"]);
    for (
      const f of [
        "updates.parquet",
        "episodes.parquet",
        "models/final/mm_0/model.json",
        "models/final/mm_0/weights.bin",
        "models/best/mm_0/model.json",
        "summary.json",
      ]
    ) {
      assert.ok((await Deno.stat(join(run.path, f))).isFile, f);
    }
    // keep_last 1 of the checkpoints at 3 and 6.
    assert.deepEqual((await listCheckpoints(run.path)).map((c) => c.iteration), [6]);
    const m = frame(join(run.path, "updates.parquet"));
    assert.deepEqual(m.iteration, [1, 2, 3, 4, 5, 6]);
    assert.ok(Number.isFinite(m.policy_loss[0] as number));
    assert.ok(
      Number.isNaN(m.eval_return[0] as number) && Number.isFinite(m.eval_return[1] as number),
    );
    const e = frame(join(run.path, "episodes.parquet"));
    // 2 × (60 steps between checkpoints) × 2 envs: one 50-step episode per env and segment
    // (episodes in progress at a checkpoint restart are dropped).
    assert.equal(e.episode.length, 4);
    assert.ok(e.length.every((l) => l === 50));
    const manifest = JSON.parse(await Deno.readTextFile(join(run.path, "manifest.json")));
    assert.equal(manifest.backend, "cpu");
  } finally {
    await Deno.remove(run.path, { recursive: true });
  }
});

for (const algorithm of ["mappo", "maddpg"] as const) {
  Deno.test(`train: --resume after an interruption reaches the uninterrupted ${algorithm} run bit for bit`, async () => {
    const cfg = tinyConfig(algorithm);
    const a = await tinyRun(cfg);
    const b = await tinyRun(cfg);
    try {
      await runTrainJob(cfg, a, { progress: false });
      await assert.rejects(
        runTrainJob(cfg, b, {
          progress: false,
          onIteration: (i) => {
            if (i === 3) throw new Error("interrupted");
          },
        }),
        /interrupted/,
      );
      assert.deepEqual((await listCheckpoints(b.path)).map((c) => c.iteration), [2]);
      const s = await runTrainJob(cfg, b, { progress: false, resume: true });
      assert.equal(s.resumedFrom, 2);
      assert.equal(s.iterations, 6);
      const wa = await Deno.readFile(join(a.path, "models/final/mm_0/weights.bin"));
      const wb = await Deno.readFile(join(b.path, "models/final/mm_0/weights.bin"));
      assert.deepEqual(wb, wa);
      assert.deepEqual(
        frame(join(b.path, "updates.parquet")),
        frame(join(a.path, "updates.parquet")),
      );
      assert.deepEqual(
        frame(join(b.path, "episodes.parquet")),
        frame(join(a.path, "episodes.parquet")),
      );
      // The full learner state (optimiser moments, replay, RNG streams) agrees too.
      const sa = (await readState(join(a.path, "checkpoints/6"))) as { learner: unknown };
      const sb = (await readState(join(b.path, "checkpoints/6"))) as { learner: unknown };
      assert.deepEqual(sb.learner, sa.learner);
    } finally {
      await Deno.remove(a.path, { recursive: true });
      await Deno.remove(b.path, { recursive: true });
    }
  });
}

Deno.test("train: a non-finite loss stops training, naming it, and the last good checkpoint stays", async () => {
  const cfg = tinyConfig("mappo", {
    checkpoint_every: 1,
    updates: 50,
    mappo: { hidden: [8], rollout_steps: 20, epochs: 1, lr: 1e30 },
  });
  const run = await tinyRun(cfg);
  try {
    let err: unknown;
    try {
      await runTrainJob(cfg, run, { progress: false });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof NonFiniteError, String(err));
    const checkpoints = await listCheckpoints(run.path);
    assert.ok(checkpoints.length >= 1, "a checkpoint was written before the failure");
    const last = checkpoints[checkpoints.length - 1];
    assert.match(err.message, /found NaN or infinity in (the loss|a gradient|.*parameter|.+)/);
    assert.ok(err.message.includes(`last good checkpoint is ${last.path}`), err.message);
    assert.ok(err.tensorName.length > 0);
    // The checkpoint is complete and readable.
    const st = (await readState(last.path)) as { loop: { iteration: number } };
    assert.equal(st.loop.iteration, last.iteration);
  } finally {
    await Deno.remove(run.path, { recursive: true });
  }
});

Deno.test("train: loadPolicy gives the trained deterministic MAPPO actor", async () => {
  const cfg = tinyConfig("mappo", { updates: 2 });
  const run = await tinyRun(cfg);
  try {
    await runTrainJob(cfg, run, { progress: false });
    const policy = await loadPolicy(run.path, "mm_0");
    const state = (await readState(join(run.path, "checkpoints/2"))) as { learner: MappoState };
    const spec = {
      K: 2,
      A: 1,
      obsSize: policy.metadata.obsSize,
      actSize: 4,
      actDims: Int32Array.of(4),
      agents: ["mm_0"],
      roles: ["market_maker"],
      stateSize: policy.metadata.obsSize,
    };
    const mappo = new Mappo(spec, { ...mappoConfigOf(cfg.training), name: "roundtrip" }, 0);
    try {
      mappo.setState(state.learner);
      const obs = Float32Array.from({ length: spec.obsSize }, (_, j) => 0.3 * j - 0.5);
      const want = new Float32Array(4), got = new Float32Array(4);
      mappo.act(obs, "market_maker", true, want);
      policy.act(obs, {} as never, got);
      for (let j = 0; j < 4; j++) assert.ok(Math.abs(got[j] - want[j]) < 1e-6, `${got} vs ${want}`);
      assert.ok(want.some((x) => x !== 0));
    } finally {
      mappo.dispose();
      policy.dispose();
    }
    const best = await loadPolicy(run.path, "mm_0", "best");
    assert.equal(best.actionDim, 4);
    best.dispose();
    await assert.rejects(loadPolicy(run.path, "nobody"));
  } finally {
    await Deno.remove(run.path, { recursive: true });
  }
});
