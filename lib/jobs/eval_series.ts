/**
 * Per-step series that `deno task evaluate` keeps for the report, and the
 * pieces that produce them:
 *
 * - {@linkcode idlePolicy}: the `control` strategy's policy, which does
 *   nothing (a market maker quotes size 0 on both sides, a taker sends size
 *   0), so a control episode is the market without the learning agents'
 *   orders on the same env seed;
 * - {@linkcode MarketProbe}: after each env step, the market's best quotes,
 *   mid, touch depth (bid + ask size at the best quotes) and net signed
 *   market volume (buyer- minus seller-initiated lots) of the step. Depth and
 *   signed volume come from the agent-based market's book and fill log; on
 *   the replay and as_model markets they are NaN (those markets do not react
 *   to the agents, so market quality against a control is not meaningful
 *   there);
 * - {@linkcode ActionRecorder}: wraps policies to keep each step's actions,
 *   for the mean pairwise action distance across agents (action diversity,
 *   lib/metrics/multi_agent.ts `meanPairwiseDistance`);
 * - {@linkcode episodeCorrelations}: mean off-diagonal Pearson correlation of
 *   the agents' per-step PnL increments and of their inventories.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { episodeCorrelations, idlePolicy } from "./eval_series.ts";
 * const out = new Float32Array(4);
 * idlePolicy("market_maker", 4).act(new Float32Array(0), {} as never, out);
 * assert.deepEqual([...out], [0, 0, -1, -1]);
 * const f = (...x: number[]) => Float64Array.from(x);
 * const c = episodeCorrelations([
 *   { length: 3, pnl: f(1, 2, 4), inventory: f(1, 2, 3) },
 *   { length: 3, pnl: f(2, 4, 8), inventory: f(3, 2, 1) },
 * ]);
 * assert.ok(Math.abs(c.pnl - 1) < 1e-12 && Math.abs(c.inventory + 1) < 1e-12);
 * ```
 * @module
 */

import type { Role } from "../env/market_env.ts";
import type { Market } from "../env/market.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { meanPairwiseDistance, pearsonCorrelation } from "../metrics/multi_agent.ts";

/** The control strategy's name in evaluate's outputs. */
export const CONTROL_STRATEGY = "control";

/** A policy that never trades (see the module docs). */
export function idlePolicy(role: Role, actionDim: number): Policy {
  return {
    name: CONTROL_STRATEGY,
    actionDim,
    reset() {},
    act(_obs: Float32Array, _view: AgentView, out: Float32Array) {
      out.fill(0);
      if (role === "market_maker") {
        out[2] = -1; // bid size 0
        out[3] = -1; // ask size 0
      }
    },
  };
}

/** What the agent-based market exposes to the probe (duck-typed). */
interface AbmLike {
  exchange: {
    books: readonly { bestBidQty(): number; bestAskQty(): number }[];
    fills: { count: number; qty: ArrayLike<number>; aggressorSide: ArrayLike<number> };
  };
}

function abmOf(market: Market): AbmLike | null {
  return market.name === "abm" ? market as unknown as AbmLike : null;
}

/** Per-step market series of one episode (index = step). */
export interface MarketSteps {
  midTicks: number[];
  spreadTicks: number[];
  depthLots: number[];
  signedVolume: number[];
}

/** Reads the market after every step (see the module docs). */
export class MarketProbe {
  readonly #market: Market;
  #fillsSeen = 0;
  #fresh = true;
  #current: MarketSteps = { midTicks: [], spreadTicks: [], depthLots: [], signedVolume: [] };

  /** A probe of `market`. */
  constructor(market: Market) {
    this.#market = market;
  }

  /**
   * Starts an episode (call before its first {@linkcode MarketProbe.record}).
   * The first step's signed volume is NaN: the fill log's count before that
   * step is not known.
   */
  begin(): void {
    this.#current = { midTicks: [], spreadTicks: [], depthLots: [], signedVolume: [] };
    this.#fresh = true;
  }

  /** Records the market after a step. */
  record(): void {
    const m = this.#market, c = this.#current;
    const bid = m.bestBidTicks(), ask = m.bestAskTicks();
    c.midTicks.push(m.midTicks());
    c.spreadTicks.push(Number.isFinite(bid) && Number.isFinite(ask) ? ask - bid : NaN);
    const abm = abmOf(m);
    if (abm === null) {
      c.depthLots.push(NaN);
      c.signedVolume.push(NaN);
      return;
    }
    const book = abm.exchange.books[0];
    c.depthLots.push(book === undefined ? NaN : book.bestBidQty() + book.bestAskQty());
    const f = abm.exchange.fills;
    if (this.#fresh) {
      this.#fresh = false;
      this.#fillsSeen = f.count;
      c.signedVolume.push(NaN);
      return;
    }
    let v = 0;
    for (let i = this.#fillsSeen; i < f.count; i++) v += f.qty[i] * f.aggressorSide[i];
    this.#fillsSeen = f.count;
    c.signedVolume.push(v);
  }

  /** The episode's series so far. */
  get series(): MarketSteps {
    return this.#current;
  }
}

/**
 * Wraps policies so that each step's actions can be read back: after a step,
 * {@linkcode ActionRecorder.takeStep} returns the mean pairwise distance of
 * the actions of the watched agents that acted in it (NaN below 2).
 */
export class ActionRecorder {
  readonly #last = new Map<string, Float32Array>();
  readonly #acted = new Set<string>();

  /** `policies` with the `watched` agents' policies wrapped. */
  wrap(
    policies: Readonly<Record<string, Policy>>,
    watched: readonly string[],
  ): Record<string, Policy> {
    const out: Record<string, Policy> = { ...policies };
    for (const a of watched) {
      const inner = policies[a];
      const buf = new Float32Array(inner.actionDim);
      this.#last.set(a, buf);
      out[a] = {
        name: inner.name,
        actionDim: inner.actionDim,
        reset: (seed) => inner.reset(seed),
        act: (obs, view, action) => {
          inner.act(obs, view, action);
          buf.set(action);
          this.#acted.add(a);
        },
      };
    }
    return out;
  }

  /** Action diversity of the step just taken; clears the step. */
  takeStep(): number {
    const acts = [...this.#acted].map((a) => this.#last.get(a)!);
    this.#acted.clear();
    return acts.length < 2 ? NaN : meanPairwiseDistance(acts);
  }
}

/** One agent's per-step PnL and inventory (valid up to `length`). */
export interface AgentSteps {
  length: number;
  pnl: ArrayLike<number>;
  inventory: ArrayLike<number>;
}

function meanOffDiagonal(series: number[][]): number {
  let s = 0, n = 0;
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      const r = pearsonCorrelation(series[i], series[j]);
      if (Number.isFinite(r)) {
        s += r;
        n++;
      }
    }
  }
  return n === 0 ? NaN : s / n;
}

/**
 * Mean pairwise Pearson correlation across agents of the per-step PnL
 * increments (the first against 0) and of the inventories, over the steps
 * all agents took; NaN with fewer than 2 agents or constant series.
 */
export function episodeCorrelations(agents: readonly AgentSteps[]): {
  pnl: number;
  inventory: number;
} {
  if (agents.length < 2) return { pnl: NaN, inventory: NaN };
  const n = Math.min(...agents.map((a) => a.length));
  const dPnl = agents.map((a) =>
    Array.from({ length: n }, (_, t) => a.pnl[t] - (t === 0 ? 0 : a.pnl[t - 1]))
  );
  const inv = agents.map((a) => Array.from({ length: n }, (_, t) => a.inventory[t]));
  return { pnl: meanOffDiagonal(dPnl), inventory: meanOffDiagonal(inv) };
}
