/**
 * The one place where policy actions in [−1, 1] become orders. Learned and
 * classical policies both emit actions in [−1, 1]; baselines that think in
 * ticks and lots use the inverse maps to express their decisions.
 *
 * Market maker, `offsets` mode (4 values):
 *   a₀ → bid offset δᵇ, a₁ → ask offset δᵃ, in ticks from the mid:
 *        δ = δ_min + (a + 1)/2 · (δ_max − δ_min), rounded to a tick;
 *   a₂ → bid size, a₃ → ask size, in lots: q = round((a + 1)/2 · q_max); 0 = no quote.
 * Market maker, `skew_spread` mode (4 values):
 *   a₀ → reservation skew s = a₀ · δ_max (ticks, added to the mid),
 *   a₁ → half-spread h = δ_min + (a₁ + 1)/2 · (δ_max − δ_min);
 *   bid offset = h − s, ask offset = h + s; a₂, a₃ sizes as above.
 * Market taker (2 values):
 *   a₀ → signed order size q = round(a₀ · q_max) lots (+ buy, − sell, 0 nothing),
 *   a₁ → urgency: a₁ > 0 sends a market order, a₁ ≤ 0 a passive limit order at
 *        the own side's best quote.
 * Values outside [−1, 1] are clipped first; NaN counts as 0.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { MakerActionMap } from "./action_mapping.ts";
 * const map = new MakerActionMap({ mode: "offsets", minOffsetTicks: 1, maxOffsetTicks: 21, maxQuoteSize: 10 });
 * const q = map.decode(new Float32Array([-1, 1, 1, 0]));
 * assert.deepEqual(q, { bidOffsetTicks: 1, askOffsetTicks: 21, bidSize: 10, askSize: 5 });
 * assert.deepEqual(map.decode(map.encode(q)), q);
 * ```
 * @module
 */

/** Clips to [−1, 1]; NaN → 0. */
export function clipUnit(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x === x ? x : 0;
}

const toUnit = (x: number) => clipUnit(2 * x - 1); // [0, 1] → [−1, 1]

/** A market maker's two-sided quote, in ticks from the mid and lots. */
export interface MakerQuote {
  bidOffsetTicks: number;
  askOffsetTicks: number;
  bidSize: number;
  askSize: number;
}

/** Bounds of a market maker's actions. */
export interface MakerActionParams {
  mode: "offsets" | "skew_spread";
  minOffsetTicks: number;
  maxOffsetTicks: number;
  maxQuoteSize: number;
}

/** Maps market-maker actions to quotes and back. */
export class MakerActionMap {
  /** Number of action values. */
  readonly dim = 4;
  // The bounds as plain fields: decode runs once per agent and step.
  readonly #offsets: boolean;
  readonly #min: number;
  readonly #span: number;
  readonly #maxOffset: number;
  readonly #maxSize: number;

  constructor(readonly params: MakerActionParams) {
    if (!(params.maxOffsetTicks >= params.minOffsetTicks && params.maxQuoteSize >= 1)) {
      throw new RangeError(
        `MakerActionMap: expected minOffsetTicks ≤ maxOffsetTicks and maxQuoteSize ≥ 1, found ${
          JSON.stringify(params)
        }`,
      );
    }
    this.#offsets = params.mode === "offsets";
    this.#min = params.minOffsetTicks;
    this.#span = params.maxOffsetTicks - params.minOffsetTicks;
    this.#maxOffset = params.maxOffsetTicks;
    this.#maxSize = params.maxQuoteSize;
  }

  /** The quote an action asks for. */
  decode(
    a: ArrayLike<number>,
    out: MakerQuote = { bidOffsetTicks: 0, askOffsetTicks: 0, bidSize: 0, askSize: 0 },
  ): MakerQuote {
    const min = this.#min, span = this.#span, size = this.#maxSize;
    const a0 = clipUnit(a[0]), a1 = clipUnit(a[1]);
    if (this.#offsets) {
      out.bidOffsetTicks = Math.round(min + ((a0 + 1) / 2) * span);
      out.askOffsetTicks = Math.round(min + ((a1 + 1) / 2) * span);
    } else {
      const skew = a0 * this.#maxOffset;
      const half = min + ((a1 + 1) / 2) * span;
      out.bidOffsetTicks = Math.round(half - skew);
      out.askOffsetTicks = Math.round(half + skew);
    }
    out.bidSize = Math.round(((clipUnit(a[2]) + 1) / 2) * size);
    out.askSize = Math.round(((clipUnit(a[3]) + 1) / 2) * size);
    return out;
  }

  /** An action that decodes to `q` (offsets clipped to the bounds; sizes to [0, max]). */
  encode(q: MakerQuote, out: Float32Array = new Float32Array(4)): Float32Array {
    const p = this.params;
    const span = p.maxOffsetTicks - p.minOffsetTicks;
    const unitOffset = (d: number) => (span === 0 ? 0 : toUnit((d - p.minOffsetTicks) / span));
    if (p.mode === "offsets") {
      out[0] = unitOffset(q.bidOffsetTicks);
      out[1] = unitOffset(q.askOffsetTicks);
    } else {
      const half = (q.bidOffsetTicks + q.askOffsetTicks) / 2;
      const skew = (q.askOffsetTicks - q.bidOffsetTicks) / 2;
      out[0] = clipUnit(skew / p.maxOffsetTicks);
      out[1] = unitOffset(half);
    }
    out[2] = toUnit(q.bidSize / p.maxQuoteSize);
    out[3] = toUnit(q.askSize / p.maxQuoteSize);
    return out;
  }
}

/** A market taker's order decision. */
export interface TakerOrder {
  /** Signed size in lots (+ buy, − sell, 0 nothing). */
  signedSize: number;
  /** Market order (true) or passive limit at the own best quote (false). */
  aggressive: boolean;
}

/** Maps market-taker actions to orders and back. */
export class TakerActionMap {
  readonly dim = 2;
  constructor(readonly params: { maxOrderSize: number }) {
    if (!(params.maxOrderSize >= 1)) {
      throw new RangeError(
        `TakerActionMap: expected maxOrderSize ≥ 1, found ${params.maxOrderSize}`,
      );
    }
  }

  decode(a: ArrayLike<number>, out: TakerOrder = { signedSize: 0, aggressive: false }): TakerOrder {
    out.signedSize = Math.round(clipUnit(a[0]) * this.params.maxOrderSize);
    out.aggressive = clipUnit(a[1]) > 0;
    return out;
  }

  encode(o: TakerOrder, out: Float32Array = new Float32Array(2)): Float32Array {
    out[0] = clipUnit(o.signedSize / this.params.maxOrderSize);
    out[1] = o.aggressive ? 1 : -1;
    return out;
  }
}
