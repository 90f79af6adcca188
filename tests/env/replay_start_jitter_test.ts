/**
 * `environment.replay.start_jitter_s` on the replay environment (the committed
 * AAPL fixture, 09:30:00.004 … 09:30:15.204): each reset seed replays its own
 * window, the same seed the same bytes, jitter 0 exactly the old fixed start,
 * and the vectorised env draws new starts on its automatic resets.
 */

import { strict as assert } from "node:assert";
import { parseClockNs } from "../../lib/config/clock.ts";
import {
  type EnvironmentSection,
  EnvironmentSectionSchema,
} from "../../lib/config/schemas/environment.ts";
import { drawEpisodeStart } from "../../lib/env/episode_start.ts";
import { createEnv, createVecEnv } from "../../lib/env/make_env.ts";
import { MarketEnv } from "../../lib/env/market_env.ts";
import { createReplayMarket } from "../../lib/env/markets/replay_market.ts";
import { VecEnv } from "../../lib/env/vec_env.ts";
import { DEFAULT_FEATURES } from "../../lib/features/names.ts";

const FILE = "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv";

function cfgOf(jitterS: number | undefined): EnvironmentSection {
  return EnvironmentSectionSchema.parse({
    market: "replay",
    episode_start: "09:30:02",
    episode_seconds: 3,
    agents: { market_makers: 1, market_takers: 1 },
    replay: { message_file: FILE, ...(jitterS === undefined ? {} : { start_jitter_s: jitterS }) },
  });
}

/** Every observation and reward of one episode with a fixed action sequence, as bytes. */
function episode(env: MarketEnv, seed: number): number[] {
  const out: number[] = [];
  const r0 = env.reset({ seed });
  for (const a of env.possibleAgents) out.push(...r0.observations[a]);
  const acts = {
    mm_0: new Float32Array([-0.5, -0.5, 0, 0]),
    taker_0: new Float32Array([0.3, 0.9]),
  };
  for (let t = 0; t < env.steps; t++) {
    const r = env.step(acts);
    for (const a of env.possibleAgents) {
      out.push(r.rewards[a] ?? NaN, ...(r.observations[a] ?? []));
    }
  }
  return out;
}

Deno.test("replay start jitter: the same seed replays the same window, other seeds other windows", async () => {
  const env = await createEnv(cfgOf(8));
  const base = parseClockNs("09:30:02");
  const a = episode(env, 1);
  const startA = env.episodeStartNs;
  const b = episode(env, 2);
  const startB = env.episodeStartNs;
  assert.deepEqual(episode(env, 1), a, "same seed, different episode");
  assert.equal(env.episodeStartNs, startA);
  assert.notEqual(startA, startB);
  assert.notDeepEqual(b, a, "different seeds, same episode");
  const starts = new Set<number>();
  for (let seed = 0; seed < 20; seed++) {
    env.reset({ seed });
    const t = env.episodeStartNs;
    starts.add(t);
    assert.equal(
      t,
      drawEpisodeStart(seed, {
        baseNs: base,
        jitterNs: 8e9,
        decisionNs: env.decisionNs,
        steps: env.steps,
      }),
    );
    assert.ok(t >= base && t <= base + 8e9 && (t - base) % env.decisionNs === 0);
    assert.equal(env.view("mm_0").episodeStartNs, t);
    assert.equal(env.view("mm_0").episodeEndNs, t + 3e9);
  }
  assert.ok(starts.size >= 15, `${starts.size} distinct starts over 20 seeds`);
});

Deno.test("replay start jitter: starts stay inside the data when the window runs past it", async () => {
  const env = await createEnv(cfgOf(60)); // the file ends at 09:30:15.204
  const tape = (await createReplayMarket(cfgOf(60).replay)).tape;
  for (let seed = 0; seed < 30; seed++) {
    env.reset({ seed });
    assert.ok(env.episodeStartNs + env.steps * env.decisionNs <= tape.lastNs, `seed ${seed}`);
    for (let t = 0; t < env.steps; t++) env.step({});
    assert.equal(env.agents.length, 0, "the episode ran its full length");
    assert.equal(env.stepIndex, env.steps);
  }
});

Deno.test("replay start jitter: an episode longer than the file fails naming the file and times", async () => {
  const cfg = EnvironmentSectionSchema.parse({
    ...cfgOf(5),
    episode_seconds: 30,
  });
  const env = await createEnv(cfg);
  assert.throws(
    () => env.reset({ seed: 1 }),
    (e: unknown) =>
      e instanceof Error && e.message.includes(FILE) && /09:30:15\.204/.test(e.message),
  );
});

Deno.test("replay start jitter 0 reproduces the fixed start exactly (the old behaviour)", async () => {
  const jittered0 = await createEnv(cfgOf(0));
  const absent = await createEnv(cfgOf(undefined));
  // The environment as it was built before the jitter existed: no jitter, no data span.
  const cfg = cfgOf(undefined);
  const market = await createReplayMarket(cfg.replay);
  const old = new MarketEnv(cfg, market, {
    features: DEFAULT_FEATURES,
    scaling: null,
    episodeStartNs: parseClockNs(cfg.episode_start),
    steps: Math.round((cfg.episode_seconds * 1e9) / (cfg.decision_ms * 1e6)),
    date: market.tape.date,
    minOffsetTicks: cfg.agents.min_offset_ticks,
    maxOffsetTicks: cfg.agents.max_offset_ticks,
  });
  for (const seed of [1, 2, 3]) {
    const ref = episode(old, seed);
    assert.deepEqual(episode(jittered0, seed), ref);
    assert.deepEqual(episode(absent, seed), ref);
    assert.equal(jittered0.episodeStartNs, parseClockNs("09:30:02"));
  }
  // Without jitter every seed is the same episode (the replay is deterministic).
  assert.deepEqual(episode(jittered0, 1), episode(jittered0, 2));
});

Deno.test("replay start jitter: VecEnv auto-resets draw new starts, seed + k then + K", async () => {
  const cfg = cfgOf(8);
  const K = 3;
  const vec = (await createVecEnv(cfg, K)) as VecEnv;
  assert.ok(vec instanceof VecEnv);
  vec.reset(10);
  const first = vec.envs.map((e) => e.episodeStartNs);
  assert.equal(new Set(first).size, K, "each env its own window");
  const acts = new Float32Array(K * vec.A * vec.actSize);
  const seen = [...first];
  for (let t = 0; t < vec.envs[0].steps; t++) vec.step(acts);
  vec.envs.forEach((e, k) => {
    const single = drawEpisodeStart(10 + k + K, {
      baseNs: parseClockNs("09:30:02"),
      jitterNs: 8e9,
      decisionNs: e.decisionNs,
      steps: e.steps,
    });
    assert.equal(e.episodeStartNs, single, `env ${k} after its automatic reset`);
    seen.push(e.episodeStartNs);
  });
  assert.ok(new Set(seen).size >= 5, `starts over two rounds: ${seen.join(", ")}`);
});
