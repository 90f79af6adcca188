/**
 * `deno task bench env`: agent-steps per second of the environment with
 * baseline policies acting, for each market backend, with K = 1 and K = 64
 * environments in lockstep. Each case runs one untimed warm-up pass and keeps
 * the fastest of three timed passes; resets and warm-up are outside the timed
 * part, the policies' own time is inside (as in training).
 *
 * - as_model: one Avellaneda-Stoikov market maker per environment (the
 *   validation setting), on the typed-array fast path.
 * - replay: a fixed-spread market maker and a TWAP taker per environment on the
 *   AMZN LOBSTER day (all environments share one tape).
 * - abm: the same two agents in the default agent-based population.
 * @module
 */

import { createBaseline } from "../baselines/registry.ts";
import { actAvellanedaStoikovBatch } from "../baselines/avellaneda_stoikov_batch.ts";
import { baselineContext } from "../baselines/context.ts";
import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { AsModelVecEnv } from "../env/as_model_vec_env.ts";
import { createVecEnv } from "../env/make_env.ts";
import { VecEnv } from "../env/vec_env.ts";
import { asModelParamsFromConfig } from "../sim/as_model/mod.ts";

/** One measurement. */
export interface EnvBenchCase {
  market: string;
  K: number;
  agents: number;
  steps: number;
  agentSteps: number;
  seconds: number;
  agentStepsPerSecond: number;
  target: number;
}

const TARGETS: Record<string, number> = {
  as_model: 5_000_000,
  "as_model (env only)": 5_000_000,
  replay: 200_000,
  abm: 50_000,
};

/** Runs `steps` lockstep steps of a general VecEnv with one baseline policy per agent. */
function runGeneral(vec: VecEnv, steps: number, seed: number): number {
  const policies: Policy[][] = vec.envs.map((env) =>
    env.possibleAgents.map((a) =>
      createBaseline(
        env.role(a) === "market_maker" ? "fixed-spread" : "twap",
        baselineContext(env, a),
      )
    )
  );
  const actions = new Float32Array(vec.K * vec.A * vec.actSize);
  const view = {} as AgentView;
  let obs = vec.reset(seed);
  policies.forEach((ps, k) => ps.forEach((p) => p.reset(seed + k)));
  const t0 = performance.now();
  for (let t = 0; t < steps; t++) {
    for (let k = 0; k < vec.K; k++) {
      const env = vec.envs[k];
      for (let i = 0; i < vec.A; i++) {
        const base = (k * vec.A + i) * vec.actSize;
        const o = obs.subarray((k * vec.A + i) * vec.obsSize, (k * vec.A + i + 1) * vec.obsSize);
        policies[k][i].act(
          o,
          env.view(vec.agents[i], view),
          actions.subarray(base, base + vec.actDims[i]),
        );
      }
    }
    obs = vec.step(actions).observations;
  }
  return (performance.now() - t0) / 1000;
}

/** The same for the AS fast path with the Avellaneda-Stoikov baseline, batched over the K environments. */
function runAsFast(
  vec: AsModelVecEnv,
  steps: number,
  seed: number,
  params: ReturnType<typeof asModelParamsFromConfig>,
): number {
  const actions = new Float32Array(vec.K * 4);
  const p = { gamma: 0.1, k: params.k, sigma: params.sigma, horizon: params.T, size: 1 };
  vec.reset(seed);
  const t0 = performance.now();
  for (let t = 0; t < steps; t++) {
    actAvellanedaStoikovBatch(vec, p, actions);
    vec.step(actions);
  }
  return (performance.now() - t0) / 1000;
}

/** Runs every case; `log` reports progress. */
export async function runEnvBench(
  opts: {
    seed?: number;
    log?: (line: string) => void;
    /** Agent-steps per timed pass on replay and abm (default 400,000). */
    agentStepsPerCase?: number;
    /** Agent-steps per timed pass on the AS model market (default 8,000,000: about 2 s). */
    asModelAgentSteps?: number;
    /** Timed passes per case after one untimed warm-up pass; the best is kept (default 3). */
    repeats?: number;
  } = {},
): Promise<EnvBenchCase[]> {
  const seed = opts.seed ?? 1;
  const log = opts.log ?? (() => {});
  const budget = opts.agentStepsPerCase ?? 400_000;
  const asBudget = opts.asModelAgentSteps ?? 8_000_000;
  const repeats = Math.max(1, opts.repeats ?? 3);
  // Fastest of `repeats` timed passes after one untimed pass that warms the JIT.
  const best = (pass: () => number): number => {
    pass();
    let min = Infinity;
    for (let i = 0; i < repeats; i++) min = Math.min(min, pass());
    return min;
  };
  const out: EnvBenchCase[] = [];
  const markets = [
    {
      market: "as_model",
      settings: {
        market: "as_model",
        agents: { market_makers: 1, market_takers: 0, max_quote_size: 1, min_offset_ticks: 0 },
      },
    },
    {
      market: "replay",
      settings: { market: "replay", episode_start: "09:35:00", episode_seconds: 3600 },
    },
    {
      market: "abm",
      settings: { market: "abm", episode_start: "09:31:00", episode_seconds: 3600 },
    },
  ];
  for (const m of markets) {
    const cfg = EnvironmentSectionSchema.parse(m.settings);
    for (const K of [1, 64]) {
      log(`${m.market}, K = ${K}: building…`);
      const vec = await createVecEnv(cfg, K);
      const agents = vec.A;
      if (vec instanceof AsModelVecEnv) {
        const steps = Math.max(20, Math.round(asBudget / (K * agents)));
        const params = asModelParamsFromConfig(cfg.as_model.model);
        const seconds = best(() => runAsFast(vec, steps, seed, params));
        out.push(result(m.market, K, agents, steps, seconds));
        // The environment alone (a fixed action): what a batched policy would leave to the env.
        const fixed = new Float32Array(K * 4).fill(0.1);
        const envOnly = best(() => {
          vec.reset(seed);
          const t0 = performance.now();
          for (let t = 0; t < steps; t++) vec.step(fixed);
          return (performance.now() - t0) / 1000;
        });
        out.push(result("as_model (env only)", K, agents, steps, envOnly));
      } else {
        const steps = Math.max(20, Math.round(budget / (K * agents)));
        const seconds = best(() => runGeneral(vec, steps, seed));
        out.push(result(m.market, K, agents, steps, seconds));
      }
      const r = out[out.length - 1];
      log(
        `${m.market}, K = ${K}: ${
          Math.round(r.agentStepsPerSecond).toLocaleString("en-US")
        } agent-steps/s`,
      );
    }
  }
  return out;
}

function result(
  market: string,
  K: number,
  agents: number,
  steps: number,
  seconds: number,
): EnvBenchCase {
  const agentSteps = K * agents * steps;
  return {
    market,
    K,
    agents,
    steps,
    agentSteps,
    seconds,
    agentStepsPerSecond: agentSteps / seconds,
    target: TARGETS[market],
  };
}
