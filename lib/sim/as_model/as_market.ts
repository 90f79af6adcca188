/**
 * The Avellaneda–Stoikov (2008) model market, vectorised: N independent
 * trajectories stepped together, state held as struct-of-arrays
 * (`Float64Array` mid, cash, inventory; one shared step index).
 *
 * One step of length dt, for every trajectory i, in the paper's order
 * (section 4: quotes are set from the current state, then executions are
 * drawn, then the mid moves):
 *
 * 1. the caller's quotes: a bid δᵇᵢ below the mid sᵢ and an ask δᵃᵢ above it
 *    (`NaN`, or any non-finite value, = no quote on that side);
 * 2. the bid fills with probability min(1, A·exp(−k·δᵇ)·dt): inventory +1,
 *    cash −(s − δᵇ); independently, the ask fills with probability
 *    min(1, A·exp(−k·δᵃ)·dt): inventory −1, cash +(s + δᵃ). Both may fill in
 *    the same step. A negative δ (a quote through the mid) is allowed and
 *    fills with the capped probability;
 * 3. the mid moves to s + σ√dt or s − σ√dt with probability ½ each.
 *
 * Randomness: trajectory i (counted from `firstTrajectory`) owns the stream
 * `Rng.fromSeed(seed).derive("as-model/traj/<i>")` and takes exactly three
 * 32-bit words from it per step, whatever the quotes: u₁ for the bid, u₂ for
 * the ask, u₃ for the mid (a fill when uⱼ/2³² < p; the mid goes up when
 * u₃ < 2³¹). So trajectory i's path does not depend on how many trajectories
 * run beside it, and the mid path does not depend on the strategy (common
 * random numbers when strategies are compared on one seed). The generator
 * (xoshiro128**, as in `lib/core/rng.ts`) is inlined over a `Int32Array` of
 * states, so a step allocates nothing.
 *
 * Units: prices in price units, time in time units, inventory in units.
 * The mid is kept on its lattice: sᵢ = s₀ + σ√dt·(ups − downs).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { AsModelMarket } from "./as_market.ts";
 * import { asModelParams } from "./params.ts";
 * const market = new AsModelMarket(asModelParams(), 100, 7);
 * const bid = new Float64Array(100).fill(0.7);
 * const ask = new Float64Array(100).fill(0.7);
 * while (!market.done) market.step(bid, ask);
 * assert.equal(market.stepIndex, 200);
 * const i = 3;
 * assert(Math.abs(market.wealth(i) - (market.cash[i] + market.inventory[i] * market.mid[i])) < 1e-9);
 * market.reset(); // the next episode, continuing the same streams
 * assert.equal(market.stepIndex, 0);
 * assert(market.mid[i] === 100 && market.cash[i] === 0);
 * ```
 * @module
 */

import { Rng } from "../../core/rng.ts";
import { type AsModelParams, asModelParams, asModelSteps } from "./params.ts";

const TWO_POW_32 = 4294967296;
const TWO_POW_31 = 2147483648;

/** 2ⁿ for n = −128 … 128, at index n + 128. */
const POW2 = new Float64Array(257);
for (let n = -128; n <= 128; n++) POW2[n + 128] = 2 ** n;

/** Relative margin around an estimate within which Math.exp decides a fill. */
const EST_MARGIN = 1e-5;

/**
 * scale · exp(x) to a relative error below 3.5·10⁻⁶ for |x| < 60, NaN
 * outside: exp(x) = 2ⁿ·exp(r) with n = round(x/ln 2), |r| ≤ ln2/2 (plus
 * rounding), and exp(r) from its degree-5 Taylor polynomial (remainder
 * ≤ r⁶/720·e^|r|). No branch and no call, so the estimates of many
 * trajectories overlap.
 */
export function scaledExpEstimate(scale: number, x: number): number {
  if (!(x > -60 && x < 60)) return NaN;
  const n = Math.floor(x * Math.LOG2E + 0.5) | 0; // any integer near x/ln 2 will do
  const r = x - n * Math.LN2;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return scale * p * POW2[n + 128];
}

/**
 * `u < scale · Math.exp(x)`, decided without Math.exp in all but a sliver of
 * cases: from {@linkcode scaledExpEstimate}, unless u lies within a relative
 * 10⁻⁵ of the estimate (or x is outside its range), where the exact
 * comparison decides. So the result is the exact comparison's, bit for bit:
 * the random stream and the fills are unchanged.
 */
export function belowScaledExp(u: number, scale: number, x: number): boolean {
  const e = scaledExpEstimate(scale, x);
  if (u < e * (1 - EST_MARGIN)) return true;
  if (u > e * (1 + EST_MARGIN)) return false;
  return u < scale * Math.exp(x);
}

/** Name of trajectory i's random stream (derived from the master seed). */
export function asModelStreamName(trajectory: number): string {
  return `as-model/traj/${trajectory}`;
}

/** N trajectories of the Avellaneda–Stoikov model market (see the module docs). */
export class AsModelMarket {
  /** The model's parameters (validated, frozen). */
  readonly params: Readonly<AsModelParams>;
  /** Number of trajectories N. */
  readonly trajectories: number;
  /** Global index of trajectory 0 (for splitting one run across workers). */
  readonly firstTrajectory: number;
  /** Steps per episode, T/dt. */
  readonly steps: number;
  /** Mid price sᵢ, price units. Owned by the market: read, do not write. */
  readonly mid: Float64Array;
  /** Cash xᵢ, price units. Owned by the market: read, do not write. */
  readonly cash: Float64Array;
  /** Inventory qᵢ, units. Owned by the market: read, do not write. */
  readonly inventory: Float64Array;
  /** 1 where trajectory i's bid filled in the last step, else 0. */
  readonly bidFilled: Uint8Array;
  /** 1 where trajectory i's ask filled in the last step, else 0. */
  readonly askFilled: Uint8Array;

  #seed: number;
  #stepIndex = 0;
  /** xoshiro128** state, four words per trajectory. */
  readonly #rng: Int32Array;
  /** Net mid moves (ups − downs) per trajectory. */
  readonly #moves: Int32Array;
  /** k, the fill intensity's decay. */
  readonly #k: number;
  /** Per trajectory, this step's fill-threshold bounds (see {@linkcode step}). */
  readonly #bidLo: Float64Array;
  readonly #bidHi: Float64Array;
  readonly #askLo: Float64Array;
  readonly #askHi: Float64Array;
  /** s₀, the mid at t = 0. */
  readonly #s0: number;
  /** σ√dt, one mid move. */
  readonly #ds: number;
  /** A·dt·2³²: the fill threshold at δ = 0 (p·2³²). */
  readonly #scale: number;

  /**
   * @param params model parameters (validated here)
   * @param trajectories N ≥ 1
   * @param seed master seed (a safe integer)
   * @param firstTrajectory global index of trajectory 0: trajectory i uses
   *   stream `as-model/traj/<firstTrajectory + i>` (default 0)
   */
  constructor(
    params: Readonly<AsModelParams>,
    trajectories: number,
    seed: number,
    firstTrajectory = 0,
  ) {
    if (!Number.isSafeInteger(trajectories) || trajectories < 1) {
      throw new RangeError(
        `AsModelMarket: expected trajectories to be an integer ≥ 1, found ${trajectories}`,
      );
    }
    if (!Number.isSafeInteger(firstTrajectory) || firstTrajectory < 0) {
      throw new RangeError(
        `AsModelMarket: expected firstTrajectory to be an integer ≥ 0, found ${firstTrajectory}`,
      );
    }
    this.params = Object.freeze(asModelParams(params));
    this.trajectories = trajectories;
    this.firstTrajectory = firstTrajectory;
    this.steps = asModelSteps(this.params);
    this.mid = new Float64Array(trajectories);
    this.cash = new Float64Array(trajectories);
    this.inventory = new Float64Array(trajectories);
    this.bidFilled = new Uint8Array(trajectories);
    this.askFilled = new Uint8Array(trajectories);
    this.#rng = new Int32Array(4 * trajectories);
    this.#moves = new Int32Array(trajectories);
    this.#bidLo = new Float64Array(trajectories);
    this.#bidHi = new Float64Array(trajectories);
    this.#askLo = new Float64Array(trajectories);
    this.#askHi = new Float64Array(trajectories);
    this.#k = this.params.k;
    this.#s0 = this.params.s0;
    this.#ds = this.params.sigma * Math.sqrt(this.params.dt);
    this.#scale = this.params.A * this.params.dt * TWO_POW_32;
    this.#seed = seed;
    this.reset(seed);
  }

  /** The master seed the streams were last derived from. */
  get seed(): number {
    return this.#seed;
  }

  /** Steps taken in this episode (0 … steps). */
  get stepIndex(): number {
    return this.#stepIndex;
  }

  /** Current time t = stepIndex·dt, time units. */
  get time(): number {
    return this.#stepIndex * this.params.dt;
  }

  /** True once all T/dt steps of the episode have been taken. */
  get done(): boolean {
    return this.#stepIndex >= this.steps;
  }

  /**
   * Starts a new episode: every trajectory back to t = 0, s₀, q₀, cash 0, no
   * fills. With a seed, the streams are derived afresh from it (so the same
   * seed replays the same episode); without, they continue where they were
   * (the next, independent episode).
   */
  reset(seed?: number): void {
    if (seed !== undefined) {
      const master = Rng.fromSeed(seed);
      const st = this.#rng;
      for (let i = 0; i < this.trajectories; i++) {
        const s = master.derive(asModelStreamName(this.firstTrajectory + i)).state();
        st[4 * i] = s[0];
        st[4 * i + 1] = s[1];
        st[4 * i + 2] = s[2];
        st[4 * i + 3] = s[3];
      }
      this.#seed = seed;
    }
    this.mid.fill(this.params.s0);
    this.cash.fill(0);
    this.inventory.fill(this.params.q0);
    this.bidFilled.fill(0);
    this.askFilled.fill(0);
    this.#moves.fill(0);
    this.#stepIndex = 0;
  }

  /**
   * Restarts trajectory i alone — back to s₀, q₀, cash 0, no fills — with
   * its stream derived afresh as `Rng.fromSeed(seed).derive(asModelStreamName(stream))`:
   * the path trajectory `stream` of a market reset with `seed` would take.
   * With the default `stream = 0`, trajectory i replays what a one-trajectory
   * market reset with `seed` does, so N independent episodes (one seed each)
   * run as the N trajectories of one market. The shared step index is left
   * alone: callers that keep one clock per trajectory step with
   * {@linkcode advance}.
   */
  resetTrajectory(i: number, seed: number, stream = 0): void {
    if (!Number.isSafeInteger(i) || i < 0 || i >= this.trajectories) {
      throw new RangeError(
        `AsModelMarket.resetTrajectory: expected a trajectory index in [0, ${this.trajectories}), found ${i}`,
      );
    }
    const s = Rng.fromSeed(seed).derive(asModelStreamName(stream)).state();
    const st = this.#rng;
    st[4 * i] = s[0];
    st[4 * i + 1] = s[1];
    st[4 * i + 2] = s[2];
    st[4 * i + 3] = s[3];
    this.mid[i] = this.params.s0;
    this.cash[i] = 0;
    this.inventory[i] = this.params.q0;
    this.bidFilled[i] = 0;
    this.askFilled[i] = 0;
    this.#moves[i] = 0;
  }

  /**
   * Advances every trajectory by one dt (see the module docs for the order).
   * `bidOffsets[i]`, `askOffsets[i]`: trajectory i's quote distances δᵇ, δᵃ
   * from the current mid, price units; non-finite = no quote on that side.
   * Records this step's fills in {@linkcode bidFilled} / {@linkcode askFilled}.
   * Throws a `RangeError` after the last step or on short offset arrays.
   */
  step(bidOffsets: Float64Array, askOffsets: Float64Array): void {
    if (this.#stepIndex >= this.steps) {
      throw new RangeError(
        `AsModelMarket.step: expected an episode in progress, found all ${this.steps} steps taken (call reset())`,
      );
    }
    this.#advance("step", bidOffsets, askOffsets);
    this.#stepIndex++;
  }

  /**
   * One dt for every trajectory exactly as {@linkcode step}, without the
   * shared episode clock (neither read nor advanced): for callers that keep
   * one clock per trajectory and restart trajectories one at a time with
   * {@linkcode resetTrajectory}. Throws a `RangeError` on short offset arrays.
   */
  advance(bidOffsets: Float64Array, askOffsets: Float64Array): void {
    this.#advance("advance", bidOffsets, askOffsets);
  }

  #advance(caller: string, bidOffsets: Float64Array, askOffsets: Float64Array): void {
    const n = this.trajectories;
    if (bidOffsets.length < n || askOffsets.length < n) {
      throw new RangeError(
        `AsModelMarket.${caller}: expected ${n} bid and ask offsets, found ${bidOffsets.length} and ${askOffsets.length}`,
      );
    }
    const s0 = this.#s0;
    const k = this.#k;
    const ds = this.#ds;
    const scale = this.#scale;
    const st = this.#rng;
    const moves = this.#moves;
    const mid = this.mid;
    const cash = this.cash;
    const inv = this.inventory;
    const bidFilled = this.bidFilled;
    const askFilled = this.askFilled;
    const bidLo = this.#bidLo, bidHi = this.#bidHi, askLo = this.#askLo, askHi = this.#askHi;
    // 1. Every trajectory's fill thresholds, estimated (see belowScaledExp) in
    // a loop of its own: no branch waits on them, so the estimates overlap.
    // A fill is certain below lo, excluded above hi; in between (or when lo is
    // −1 and hi +∞: outside the estimate's range) Math.exp decides.
    let lastDb = NaN, lastDa = NaN; // NaN !== anything: the first offset always computes
    let bLo = -1, bHi = -1, aLo = -1, aHi = -1;
    for (let i = 0; i < n; i++) {
      // Recomputed only when the offset changes from the previous trajectory's
      // (a common case: one quote for all).
      const db = bidOffsets[i];
      if (db !== lastDb) {
        lastDb = db;
        if (db > -Infinity && db < Infinity) {
          const e = scaledExpEstimate(scale, -k * db);
          bLo = e === e ? e * (1 - EST_MARGIN) : -1;
          bHi = e === e ? e * (1 + EST_MARGIN) : Infinity;
        } else {
          bLo = -1;
          bHi = -1;
        }
      }
      const da = askOffsets[i];
      if (da !== lastDa) {
        lastDa = da;
        if (da > -Infinity && da < Infinity) {
          const e = scaledExpEstimate(scale, -k * da);
          aLo = e === e ? e * (1 - EST_MARGIN) : -1;
          aHi = e === e ? e * (1 + EST_MARGIN) : Infinity;
        } else {
          aLo = -1;
          aHi = -1;
        }
      }
      bidLo[i] = bLo;
      bidHi[i] = bHi;
      askLo[i] = aLo;
      askHi[i] = aHi;
    }
    // 2. The draws, fills, accounting and mid moves.
    for (let i = 0; i < n; i++) {
      const s = mid[i];
      const db = bidOffsets[i];
      const da = askOffsets[i];
      // The three draws (three Rng.nextU32 calls), written out here: the loop
      // over every trajectory is the simulator's hot path.
      const j = i << 2;
      let x0 = st[j], x1 = st[j + 1], x2 = st[j + 2], x3 = st[j + 3];
      let m = Math.imul(x1, 5);
      const u1 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      let t = x1 << 9;
      let n2 = x2 ^ x0;
      let n3 = x3 ^ x1;
      x1 ^= n2;
      x0 ^= n3;
      x2 = n2 ^ t;
      x3 = (n3 << 11) | (n3 >>> 21);
      m = Math.imul(x1, 5);
      const u2 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      t = x1 << 9;
      n2 = x2 ^ x0;
      n3 = x3 ^ x1;
      x1 ^= n2;
      x0 ^= n3;
      x2 = n2 ^ t;
      x3 = (n3 << 11) | (n3 >>> 21);
      m = Math.imul(x1, 5);
      const u3 = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      t = x1 << 9;
      n2 = x2 ^ x0;
      n3 = x3 ^ x1;
      st[j + 1] = x1 ^ n2;
      st[j] = x0 ^ n3;
      st[j + 2] = n2 ^ t;
      st[j + 3] = (n3 << 11) | (n3 >>> 21);
      const fb = u1 < bidLo[i] ? 1 : u1 > bidHi[i] ? 0 : u1 < scale * Math.exp(-k * db) ? 1 : 0;
      const fa = u2 < askLo[i] ? 1 : u2 > askHi[i] ? 0 : u2 < scale * Math.exp(-k * da) ? 1 : 0;
      bidFilled[i] = fb;
      askFilled[i] = fa;
      if (fb === 1) {
        inv[i] += 1;
        cash[i] -= s - db;
      }
      if (fa === 1) {
        inv[i] -= 1;
        cash[i] += s + da;
      }
      const mv = moves[i] + (u3 < TWO_POW_31 ? 1 : -1);
      moves[i] = mv;
      mid[i] = s0 + ds * mv;
    }
  }

  /** Trajectory i's wealth marked to the mid, cashᵢ + qᵢ·sᵢ (the paper's terminal profit). */
  wealth(i: number): number {
    return this.cash[i] + this.inventory[i] * this.mid[i];
  }

  /** Every trajectory's {@linkcode wealth}, written into `out` (allocated when absent). */
  wealthInto(out: Float64Array = new Float64Array(this.trajectories)): Float64Array {
    for (let i = 0; i < this.trajectories; i++) {
      out[i] = this.cash[i] + this.inventory[i] * this.mid[i];
    }
    return out;
  }
}
