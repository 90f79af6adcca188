/**
 * Synthetic order streams for benchmarks and stress tests: limit, cancel,
 * market and modify messages in proportions close to a NASDAQ stock's day
 * (AMZN on 2012-06-21: 48% adds, 32% cancels and deletes, 20% executions),
 * prices at a geometric distance from a drifting mid, cancels aimed at live
 * orders. Generated up front into typed arrays so a benchmark times only the
 * engine.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { generateOrderStream, StreamOp } from "./order_stream.ts";
 * const s = generateOrderStream({ count: 1000, seed: 7 });
 * assert(s.count === 1000 && s.op[0] === StreamOp.Limit);
 * ```
 * @module
 */

import { Rng } from "../core/rng.ts";

/** Message types of a generated stream. */
export const StreamOp = { Limit: 0, Cancel: 1, Market: 2, Modify: 3 } as const;
/** Names of {@linkcode StreamOp} codes, indexed by code. */
export const STREAM_OP_NAMES = ["limit", "cancel", "market", "modify"] as const;

/** Options of {@linkcode generateOrderStream}. */
export interface OrderStreamOptions {
  /** Number of messages. */
  count: number;
  /** Master seed. */
  seed: number;
  /** Share of limit orders (default 0.45). */
  limitShare?: number;
  /** Share of cancels (default 0.38). */
  cancelShare?: number;
  /** Share of market orders (default 0.10); modifies take the rest. */
  marketShare?: number;
  /** Starting mid price in ticks (default 100,000). */
  midTicks?: number;
  /** Mean distance of a limit order from the touch, in ticks (default 4). */
  meanDepthTicks?: number;
  /** Share of limit orders priced through the spread (marketable; default 0.05). */
  marketableShare?: number;
  /** Owners drawn uniformly from [0, owners) (default 64). */
  owners?: number;
}

/** A generated stream, one message per index. */
export interface OrderStream {
  count: number;
  op: Uint8Array;
  orderId: Float64Array;
  owner: Int32Array;
  side: Int8Array;
  priceTicks: Int32Array;
  qty: Int32Array;
}

/** Generates a reproducible mixed order stream. */
export function generateOrderStream(options: OrderStreamOptions): OrderStream {
  const n = options.count;
  const rng = Rng.fromSeed(options.seed).derive("bench/order-stream");
  const pLimit = options.limitShare ?? 0.45;
  const pCancel = pLimit + (options.cancelShare ?? 0.38);
  const pMarket = pCancel + (options.marketShare ?? 0.10);
  const meanDepth = options.meanDepthTicks ?? 4;
  const pMarketable = options.marketableShare ?? 0.05;
  const owners = options.owners ?? 64;
  const s: OrderStream = {
    count: n,
    op: new Uint8Array(n),
    orderId: new Float64Array(n),
    owner: new Int32Array(n),
    side: new Int8Array(n),
    priceTicks: new Int32Array(n),
    qty: new Int32Array(n),
  };
  // Ids of orders that may still be live (filled ones stay until picked: their cancel then misses,
  // as late cancels do on a real exchange). Swap-remove keeps picks O(1).
  let live = new Float64Array(1 << 16);
  // Price of each order id (ids are 1…count), to reprice modifies from where they rest.
  const priceById = new Int32Array(n + 1);
  let nLive = 0;
  let nextId = 1;
  let mid = options.midTicks ?? 100_000;
  const logDepth = Math.log(1 - 1 / (meanDepth + 1));
  for (let i = 0; i < n; i++) {
    const u = rng.nextFloat();
    const side = rng.nextFloat() < 0.5 ? 1 : -1;
    s.side[i] = side;
    s.owner[i] = rng.nextInt(owners);
    if (u < pLimit || nLive < 32) {
      // Geometric distance from the touch (≥ 0); a few orders cross the spread.
      const depth = Math.floor(Math.log(rng.nextFloatOpen0()) / logDepth);
      const through = rng.nextFloat() < pMarketable;
      const px = through ? mid + side * (1 + rng.nextInt(3)) : mid - side * (1 + depth);
      s.op[i] = StreamOp.Limit;
      s.orderId[i] = nextId;
      s.priceTicks[i] = px;
      s.qty[i] = 1 + rng.nextInt(100) + (rng.nextFloat() < 0.1 ? 100 * rng.nextInt(10) : 0);
      if (nLive === live.length) {
        const grown = new Float64Array(live.length * 2);
        grown.set(live);
        live = grown;
      }
      live[nLive++] = nextId;
      priceById[nextId] = px;
      nextId++;
    } else if (u < pCancel) {
      const k = rng.nextInt(nLive);
      s.op[i] = StreamOp.Cancel;
      s.orderId[i] = live[k];
      live[k] = live[--nLive];
    } else if (u < pMarket) {
      s.op[i] = StreamOp.Market;
      s.orderId[i] = nextId++;
      s.qty[i] = 1 + rng.nextInt(200);
    } else {
      // Modify: mostly size down in place, sometimes a one-tick reprice.
      const k = rng.nextInt(nLive);
      const id = live[k];
      s.op[i] = StreamOp.Modify;
      s.orderId[i] = id;
      const px = priceById[id];
      const reprice = rng.nextFloat() < 0.3;
      s.priceTicks[i] = reprice ? px + (rng.nextFloat() < 0.5 ? 1 : -1) : px;
      s.qty[i] = 1 + rng.nextInt(50);
      if (reprice) priceById[id] = s.priceTicks[i];
    }
    if (rng.nextFloat() < 0.002) mid += rng.nextFloat() < 0.5 ? 1 : -1;
  }
  return s;
}
