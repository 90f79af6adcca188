/**
 * The environment conformance suite: ONE set of checks run against every
 * market backend in {@linkcode MARKETS} and every baseline in the registry
 * (as Hono runs one router suite against every router). To add a market, add
 * one entry to `MARKETS` with the settings of a short episode on it; the
 * suite adds its own learning agents, fees, penalties and limits on top.
 *
 * Checks, per market:
 * - shapes and bounds: observations inside `observationSpace`, every
 *   baseline's actions inside `actionSpace`, `state()` of a fixed length;
 * - no NaN or infinity in observations, rewards, infos or the state;
 * - |inventory| never beyond `risk.max_inventory` (after the fills of a step,
 *   before the final liquidation);
 * - the accounting identity at every step: PnL = cash + inventory × mid −
 *   starting value (0: agents start flat), with cash and inventory
 *   reconstructed independently from the market's fills and the configured
 *   fees (and the liquidation at mid ∓ cost at the end), and the PnL equal to
 *   the sum of the per-step PnL changes net of fees and liquidation costs;
 * - episode length: truncation exactly at the configured step count, never
 *   before; no termination (the loss limit is out of reach);
 * - latency ordering: every order reaches the market at its decision time +
 *   the order latency (cancels: + cancel latency), and no fill is stamped
 *   before its order arrived or after the step it is reported in;
 * - seeding: the same seed gives the identical trajectory, another seed a
 *   different one;
 * - vectorised and single: `createVecEnv(cfg, K)` (whichever path it picks)
 *   gives the same rewards and observations as K single environments reset
 *   with seeds seed + k, across the automatic reset.
 * Episodes are kept short through the market's settings.
 */

import { strict as assert } from "node:assert";
import { baselineContext, BASELINES, createBaseline } from "../../lib/baselines/mod.ts";
import {
  type EnvironmentSection,
  EnvironmentSectionSchema,
} from "../../lib/config/schemas/environment.ts";
import { Rng } from "../../lib/core/rng.ts";
import type { AgentFill, Market } from "../../lib/env/market.ts";
import { createEnv, createVecEnv } from "../../lib/env/make_env.ts";
import type { AgentInfo, MarketEnv } from "../../lib/env/market_env.ts";
import type { Policy } from "../../lib/env/policy.ts";

/** A market backend under test. */
interface MarketCase {
  /** Name in the test titles. */
  name: string;
  /** `environment:` settings (schema input) of a short episode on this market. */
  settings: Record<string, unknown>;
}

/** Every market backend the suite runs against. Add one entry per backend. */
const MARKETS: MarketCase[] = [
  {
    name: "as_model",
    settings: {
      market: "as_model",
      // 50 steps per episode; quotes up to 1.00 from the mid.
      as_model: { model: { horizon_T: 0.25 }, max_offset: 1 },
    },
  },
  {
    name: "abm",
    // 5 s of warm-up after the open, then 50 steps of 100 ms with the default population.
    settings: { market: "abm", episode_start: "09:30:05", episode_seconds: 5 },
  },
  {
    name: "replay",
    // The committed AAPL fixture (10 levels, 09:30:00 … 09:30:24): 50 steps of 100 ms.
    settings: {
      market: "replay",
      episode_start: "09:30:05",
      episode_seconds: 5,
      replay: {
        message_file: "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv",
      },
    },
  },
  {
    name: "replay+start_jitter",
    // The same fixture, 30 steps starting anywhere on the grid in 09:30:02 … 09:30:10 by seed.
    settings: {
      market: "replay",
      episode_start: "09:30:02",
      episode_seconds: 3,
      replay: {
        message_file: "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv",
        start_jitter_s: 8,
      },
    },
  },
];

/** What the suite sets on every market: agents, fees, penalties, limits (checked above). */
const SUITE: Record<string, unknown> = {
  agents: { market_makers: 2, market_takers: 2, max_quote_size: 3, max_order_size: 4 },
  fees: { maker_bps: -0.25, taker_bps: 0.35 },
  rewards: { inventory_penalty: 0.001, risk_penalty: 0.01, team_weight: 0.25 },
  risk: { max_inventory: 5, loss_limit: 1e9, liquidation_cost_bps: 7, max_orders_per_step: 10 },
  latency: { order_ns: 250_000, cancel_ns: 150_000, feed_ns: 50_000 },
};

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = v !== null && typeof v === "object" && !Array.isArray(v) && cur !== null &&
        typeof cur === "object"
      ? merge(cur as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}

function configOf(m: MarketCase, extra: Record<string, unknown> = {}): EnvironmentSection {
  return EnvironmentSectionSchema.parse(merge(merge(SUITE, m.settings), extra));
}

// ---------------------------------------------------------------- spying on the market

interface OrderRecord {
  agent: number;
  decisionNs: number;
  arriveNs: number;
}

/** Records the orders the env sends and the fills it drains, and checks their times. */
class MarketSpy {
  readonly orders = new Map<number, OrderRecord>();
  /** Fills drained this step, per agent index. */
  readonly fills: AgentFill[][];
  /** Decision time of the step being taken. */
  decisionNs = NaN;
  stepEndNs = NaN;
  readonly problems: string[] = [];

  constructor(readonly market: Market, agents: number, readonly cfg: EnvironmentSection) {
    this.fills = Array.from({ length: agents }, () => []);
    const m = market as {
      submitLimit: Market["submitLimit"];
      submitMarket: Market["submitMarket"];
      cancel: Market["cancel"];
      drainFills: Market["drainFills"];
    };
    const limit = m.submitLimit.bind(market);
    const mkt = m.submitMarket.bind(market);
    const cancel = m.cancel.bind(market);
    const drain = m.drainFills.bind(market);
    const lat = cfg.latency;
    m.submitLimit = (agent, side, price, qty, arriveNs) => {
      this.#checkArrival("limit order", arriveNs, lat.order_ns);
      const id = limit(agent, side, price, qty, arriveNs);
      this.orders.set(id, { agent, decisionNs: this.decisionNs, arriveNs });
      return id;
    };
    m.submitMarket = (agent, side, qty, arriveNs) => {
      this.#checkArrival("market order", arriveNs, lat.order_ns);
      const id = mkt(agent, side, qty, arriveNs);
      this.orders.set(id, { agent, decisionNs: this.decisionNs, arriveNs });
      return id;
    };
    m.cancel = (agent, orderId, arriveNs) => {
      // Cancels of a finishing agent go out at the step's end; the others at decision + cancel latency.
      if (arriveNs !== this.stepEndNs && arriveNs !== market.nowNs) {
        this.#checkArrival("cancel", arriveNs, lat.cancel_ns);
      }
      cancel(agent, orderId, arriveNs);
    };
    m.drainFills = (agent, out) => {
      const before = out.length;
      drain(agent, out);
      for (let i = before; i < out.length; i++) {
        const f = out[i];
        this.fills[agent].push({ ...f });
        const o = this.orders.get(f.orderId);
        if (o === undefined) this.problems.push(`fill of unknown order ${f.orderId}`);
        else if (f.tsNs < o.arriveNs) {
          this.problems.push(
            `order ${f.orderId} decided at ${o.decisionNs} arrived at ${o.arriveNs} but filled at ${f.tsNs}`,
          );
        }
        if (f.tsNs > this.stepEndNs) {
          this.problems.push(`fill at ${f.tsNs} reported in the step ending ${this.stepEndNs}`);
        }
      }
    };
  }

  #checkArrival(what: string, arriveNs: number, latencyNs: number): void {
    if (arriveNs !== this.decisionNs + latencyNs) {
      this.problems.push(
        `${what} decided at ${this.decisionNs} arrives at ${arriveNs}, expected + ${latencyNs} ns`,
      );
    }
  }

  beginStep(decisionNs: number, stepNs: number): void {
    this.decisionNs = decisionNs;
    this.stepEndNs = decisionNs + stepNs;
    for (const f of this.fills) f.length = 0;
  }
}

// ---------------------------------------------------------------- the episode checker

const INFO_KEYS: (keyof AgentInfo)[] = [
  "pnlChange",
  "fees",
  "inventoryPenalty",
  "riskPenalty",
  "ownReward",
  "teamReward",
  "liquidationCost",
  "pnl",
  "inventory",
  "cash",
  "totalFees",
  "filledQty",
  "fillCount",
  "riskCutQty",
  "droppedRequests",
  "midTicks",
];

interface Trace {
  steps: number;
  /** Per step: rewards, then per agent pnl, inventory, cash, mid (flattened), then the observations. */
  values: number[];
}

/**
 * Runs one episode with `policies`, checking every invariant of the module
 * docs at every step; returns the trajectory (for the seeding checks).
 */
function checkedEpisode(
  env: MarketEnv,
  spy: MarketSpy,
  policies: Record<string, Policy>,
  seed: number,
): Trace {
  const cfg = env.cfg;
  const agents = env.possibleAgents;
  const tick = env.market.tickSize;
  const maxInv = cfg.risk.max_inventory;
  const reset = env.reset({ seed });
  const trace: Trace = { steps: 0, values: [] };
  const cash = new Map<string, number>(),
    inv = new Map<string, number>(),
    fees = new Map<string, number>();
  const netPnl = new Map<string, number>();
  for (const a of agents) {
    cash.set(a, 0);
    inv.set(a, 0);
    fees.set(a, 0);
    netPnl.set(a, 0);
    policies[a].reset(seed);
    const o = reset.observations[a];
    assert.ok(env.observationSpace(a).contains(o), `reset observation of ${a} outside its space`);
  }
  let obs = reset.observations;
  const stateSize = env.state().length;
  const actions: Record<string, Float32Array> = {};
  for (const a of agents) actions[a] = new Float32Array(env.actionSpace(a).size);
  for (let step = 1;; step++) {
    assert.ok(step <= env.steps, `the episode runs past its ${env.steps} steps`);
    for (const a of env.agents) {
      policies[a].act(obs[a], env.view(a), actions[a]);
      assert.ok(
        env.actionSpace(a).contains(actions[a]),
        `${policies[a].name} action ${[...actions[a]]} outside the space`,
      );
    }
    const live = [...env.agents];
    spy.beginStep(env.view(agents[0]).nowNs, env.decisionNs);
    const r = env.step(actions);
    assert.deepEqual(spy.problems, [], `market times at step ${step}`);
    for (const a of live) {
      const where = `${a}, step ${step}`;
      const info = r.infos[a];
      const o = r.observations[a];
      assert.ok(info !== undefined && o !== undefined, `${where}: no result for a live agent`);
      assert.ok(env.observationSpace(a).contains(o), `${where}: observation outside its space`);
      assert.ok(Number.isFinite(r.rewards[a]), `${where}: reward ${r.rewards[a]}`);
      for (const k of INFO_KEYS) {
        assert.ok(Number.isFinite(info[k] as number), `${where}: info.${k} = ${info[k]}`);
      }
      // Episode length: truncation exactly at the configured step count.
      assert.equal(r.truncations[a], step === env.steps, `${where}: truncation`);
      assert.equal(
        r.terminations[a],
        false,
        `${where}: terminated with the loss limit out of reach`,
      );
      // Independent accounting from the market's fills and the configured fees.
      const idx = agents.indexOf(a);
      let c = cash.get(a)!, q = inv.get(a)!, paid = 0;
      for (const f of spy.fills[idx]) {
        const notional = f.qty * f.priceTicks * tick;
        const fee = (notional * (f.maker ? cfg.fees.maker_bps : cfg.fees.taker_bps)) / 1e4;
        c -= f.side * notional + fee;
        q += f.side * f.qty;
        paid += fee;
      }
      assert.ok(Math.abs(q) <= maxInv, `${where}: |inventory| ${Math.abs(q)} beyond ${maxInv}`);
      assert.equal(info.filledQty, q - inv.get(a)!, `${where}: filled quantity`);
      const mid = info.midTicks * tick;
      if (r.truncations[a]) {
        // The env liquidates at mid ∓ cost.
        c += q * mid * (1 - (Math.sign(q) * cfg.risk.liquidation_cost_bps) / 1e4);
        q = 0;
      }
      const scale = 1 + Math.abs(c);
      assert.equal(info.inventory, q, `${where}: inventory`);
      assert.ok(
        Math.abs(info.cash - c) < 1e-9 * scale,
        `${where}: cash ${info.cash}, from the fills ${c}`,
      );
      assert.ok(
        Math.abs(info.fees - paid) < 1e-9 * scale,
        `${where}: fees ${info.fees}, from the fills ${paid}`,
      );
      fees.set(a, fees.get(a)! + paid);
      assert.ok(Math.abs(info.totalFees - fees.get(a)!) < 1e-9 * scale, `${where}: total fees`);
      // The identity: PnL = cash + inventory × mid − starting value (flat start: 0), fees included.
      assert.ok(
        Math.abs(info.pnl - (info.cash + info.inventory * mid)) < 1e-9 * scale,
        `${where}: PnL identity`,
      );
      netPnl.set(a, netPnl.get(a)! + info.pnlChange - info.fees - info.liquidationCost);
      assert.ok(
        Math.abs(netPnl.get(a)! - info.pnl) < 1e-9 * scale,
        `${where}: Σ (ΔPnL − fees − liquidation) ≠ PnL`,
      );
      // Rewards: the documented blend of own and team rewards.
      const w = cfg.rewards.team_weight;
      assert.ok(
        Math.abs(r.rewards[a] - ((1 - w) * info.ownReward + w * info.teamReward)) <
          1e-12 * (1 + Math.abs(r.rewards[a])),
      );
      cash.set(a, c);
      inv.set(a, q);
      trace.values.push(r.rewards[a], info.pnl, info.inventory, info.cash, info.midTicks, ...o);
    }
    const state = env.state();
    assert.equal(state.length, stateSize, "state() changes length");
    assert.ok(state.every(Number.isFinite), `state() not finite at step ${step}`);
    obs = r.observations;
    if (env.agents.length === 0) {
      trace.steps = step;
      assert.equal(step, env.steps, "episode length");
      return trace;
    }
  }
}

/** Policies: agents of the roles `name` plays run it, the others `random`. */
function policiesFor(env: MarketEnv, name: string): Record<string, Policy> {
  const spec = BASELINES.find((b) => b.name === name)!;
  const out: Record<string, Policy> = {};
  for (const a of env.possibleAgents) {
    const ctx = baselineContext(env, a);
    out[a] = createBaseline(spec.roles.includes(ctx.role) ? name : "random", ctx);
  }
  return out;
}

/** An env whose market is spied on; `sabotage` may first break the market (self-tests). */
async function spiedEnv(
  cfg: EnvironmentSection,
  sabotage?: (market: Market) => void,
): Promise<{ env: MarketEnv; spy: MarketSpy }> {
  const env = await createEnv(cfg);
  sabotage?.(env.market);
  return { env, spy: new MarketSpy(env.market, env.possibleAgents.length, cfg) };
}

// ---------------------------------------------------------------- the suite

for (const m of MARKETS) {
  Deno.test(`conformance[${m.name}]: every baseline — bounds, finiteness, inventory limit, accounting, length, latency`, async (t) => {
    const { env, spy } = await spiedEnv(configOf(m));
    for (const b of BASELINES) {
      await t.step(b.name, () => {
        const trace = checkedEpisode(env, spy, policiesFor(env, b.name), 7);
        assert.equal(trace.steps, env.steps);
      });
    }
  });

  Deno.test(`conformance[${m.name}]: the same seed gives the same trajectory, another seed another`, async () => {
    const { env, spy } = await spiedEnv(configOf(m));
    const policies = policiesFor(env, "random");
    const a = checkedEpisode(env, spy, policies, 21);
    const other = checkedEpisode(env, spy, policies, 22);
    const again = checkedEpisode(env, spy, policies, 21);
    assert.deepEqual(again.values, a.values, "same seed, different trajectory");
    assert.notDeepEqual(other.values, a.values, "different seeds, same trajectory");
    // A fresh environment with the same seed also repeats it (no state carried across instances).
    const fresh = await spiedEnv(configOf(m));
    assert.deepEqual(
      checkedEpisode(fresh.env, fresh.spy, policiesFor(fresh.env, "random"), 21).values,
      a.values,
    );
  });

  for (
    const agents of [{ market_makers: 2, market_takers: 2 }, { market_makers: 1, market_takers: 0 }]
  ) {
    const label = `${agents.market_makers} maker(s), ${agents.market_takers} taker(s)`;
    Deno.test(`conformance[${m.name}]: the vectorised env agrees with single envs (${label})`, async () => {
      const cfg = configOf(m, { agents });
      const K = 3;
      const vec = await createVecEnv(cfg, K);
      const singles = await Promise.all(Array.from({ length: K }, () => createEnv(cfg)));
      const names = singles[0].possibleAgents;
      assert.deepEqual([...vec.agents], [...names]);
      const seed = 40;
      const obs0 = vec.reset(seed);
      const seeds = singles.map((_, k) => seed + k);
      singles.forEach((e, k) => {
        const o = e.reset({ seed: seeds[k] }).observations;
        names.forEach((a, i) =>
          assert.deepEqual(
            obs0.subarray((k * vec.A + i) * vec.obsSize, (k * vec.A + i + 1) * vec.obsSize),
            o[a],
          )
        );
      });
      const rng = Rng.fromSeed(3);
      const acts = new Float32Array(K * vec.A * vec.actSize);
      const steps = singles[0].steps + 10; // across the automatic reset
      for (let t = 0; t < steps; t++) {
        for (let i = 0; i < acts.length; i++) acts[i] = 2 * rng.nextFloat() - 1;
        const r = vec.step(acts);
        for (let k = 0; k < K; k++) {
          const e = singles[k];
          const single: Record<string, Float32Array> = {};
          names.forEach((a, i) => {
            const base = (k * vec.A + i) * vec.actSize;
            single[a] = acts.slice(base, base + e.actionSpace(a).size);
          });
          const s = e.step(single);
          names.forEach((a, i) => {
            const j = k * vec.A + i;
            assert.equal(
              r.rewards[j],
              Math.fround(s.rewards[a] ?? 0),
              `env ${k} ${a} step ${t}: rewards differ`,
            );
            assert.equal(r.truncations[j], s.truncations[a] ? 1 : 0);
          });
          if (e.agents.length === 0) {
            assert.equal(r.episodeEnded[k], 1, `env ${k} ended its episode at step ${t}`);
            seeds[k] += K;
            const o = e.reset({ seed: seeds[k] }).observations;
            names.forEach((a, i) =>
              assert.deepEqual(
                r.observations.subarray(
                  (k * vec.A + i) * vec.obsSize,
                  (k * vec.A + i + 1) * vec.obsSize,
                ),
                o[a],
              )
            );
          } else {
            assert.equal(r.episodeEnded[k], 0);
            names.forEach((a, i) =>
              assert.deepEqual(
                r.observations.subarray(
                  (k * vec.A + i) * vec.obsSize,
                  (k * vec.A + i + 1) * vec.obsSize,
                ),
                s.observations[a],
              )
            );
          }
        }
      }
    });
  }
}

Deno.test("conformance: the suite itself catches a market that fills an order before it arrives", async () => {
  // Every fill stamped 1 ns before the step began: before any order of that step arrived.
  const { env, spy } = await spiedEnv(configOf(MARKETS[0]), (market) => {
    const m = market as { drainFills: Market["drainFills"] };
    const drain = m.drainFills.bind(market);
    m.drainFills = (agent, out) => {
      const before = out.length;
      drain(agent, out);
      for (let i = before; i < out.length; i++) {
        out[i] = { ...out[i], tsNs: market.nowNs - env.decisionNs - 1 };
      }
    };
  });
  assert.throws(
    () => checkedEpisode(env, spy, policiesFor(env, "fixed-spread"), 1),
    /arrived at .* but filled at/,
  );
});

Deno.test("conformance: the suite itself catches fills booked at another price than the market's", async () => {
  const { env, spy } = await spiedEnv(configOf(MARKETS[0]));
  // Between the spy (which sees the market's fills) and the env: the env books every fill a tick higher.
  const m = env.market as { drainFills: Market["drainFills"] };
  const spied = m.drainFills;
  m.drainFills = (agent, out) => {
    const before = out.length;
    spied(agent, out);
    for (let i = before; i < out.length; i++) {
      out[i] = { ...out[i], priceTicks: out[i].priceTicks + 1 };
    }
  };
  assert.throws(() => checkedEpisode(env, spy, policiesFor(env, "fixed-spread"), 1), /cash/);
});
