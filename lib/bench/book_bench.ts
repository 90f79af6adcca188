/**
 * `deno task bench book`: throughput and latency of the matching engine on a
 * generated stream of mixed messages, and of the LOBSTER replay on a real day.
 *
 * Method. The stream is generated before timing. Throughput is one untimed
 * pass over the whole stream divided by its wall time. Per-type latency comes
 * from a second, instrumented pass on a fresh book that reads the clock around
 * every message; the clock's own cost (the median of back-to-back readings) is
 * subtracted, so figures under ~100 ns carry that much uncertainty.
 * @module
 */

import {
  orderbookFileBeside,
  readLobsterMessages,
  readLobsterOrderbook,
} from "../data/lobster/mod.ts";
import { OrderBook, type Side } from "../sim/engine/mod.ts";
import { replayLobster } from "../sim/replay/mod.ts";
import {
  generateOrderStream,
  type OrderStream,
  STREAM_OP_NAMES,
  StreamOp,
} from "./order_stream.ts";
import { MemorySampler } from "./memory.ts";

/** Options of {@linkcode runBookBench}. */
export interface BookBenchOptions {
  /** Generated messages (default 10 million). */
  messages: number;
  seed: number;
  /** LOBSTER message file to replay (its orderbook file beside it is used when present). */
  lobsterMessageFile: string | null;
  /** Called with progress lines (stderr). */
  log?: (line: string) => void;
}

/** Latency figures of one message type. */
export interface LatencyStats {
  count: number;
  medianNs: number;
  p99Ns: number;
  meanNs: number;
}

/** The benchmark's result (written as `outputs/bench/book.json`). */
export interface BookBenchResult {
  generated: {
    messages: number;
    seed: number;
    mix: Record<string, number>;
    seconds: number;
    passSeconds: number[];
    messagesPerSecond: number;
    nsPerMessage: number;
    latencyByType: Record<string, LatencyStats>;
    timerOverheadNs: number;
    fills: number;
    liveOrdersAtEnd: number;
  };
  replay: null | {
    file: string;
    messages: number;
    parseSeconds: number;
    replaySeconds: number;
    messagesPerSecond: number;
    mismatchRows: number;
  };
  peakRssBytes: number;
  peakHeapBytes: number;
  target: { messagesPerSecond: number };
}

/** Applies message i of the stream to the book. */
function applyMessage(book: OrderBook, s: OrderStream, i: number): void {
  switch (s.op[i]) {
    case StreamOp.Limit:
      book.submitLimit(s.orderId[i], s.owner[i], s.side[i] as Side, s.priceTicks[i], s.qty[i], i);
      break;
    case StreamOp.Cancel:
      book.cancel(s.orderId[i]);
      break;
    case StreamOp.Market:
      book.submitMarket(s.orderId[i], s.owner[i], s.side[i] as Side, s.qty[i], i);
      break;
    case StreamOp.Modify:
      if (book.hasOrder(s.orderId[i])) book.modify(s.orderId[i], s.priceTicks[i], s.qty[i], i);
      break;
  }
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.floor(q * sorted.length));
  return sorted[idx];
}

/** Median cost of one `performance.now()` reading, in ns. */
function timerOverheadNs(): number {
  const samples = new Float64Array(20_001);
  for (let i = 0; i < samples.length; i++) {
    const a = performance.now();
    const b = performance.now();
    samples[i] = (b - a) * 1e6;
  }
  samples.sort();
  return samples[10_000];
}

/** Runs the book benchmark. */
export async function runBookBench(opts: BookBenchOptions): Promise<BookBenchResult> {
  const log = opts.log ?? (() => {});
  const mem = new MemorySampler();
  log(`generating ${opts.messages.toLocaleString("en-US")} messages (seed ${opts.seed})…`);
  const stream = generateOrderStream({ count: opts.messages, seed: opts.seed });
  const mix: Record<string, number> = {};
  for (let i = 0; i < stream.count; i++) {
    mix[STREAM_OP_NAMES[stream.op[i]]] = (mix[STREAM_OP_NAMES[stream.op[i]]] ?? 0) + 1;
  }
  mem.sample();

  // Passes 1–3: throughput on a fresh book each time; the best pass is reported
  // (the first one also carries JIT warm-up and the generator's garbage).
  const passSeconds: number[] = [];
  let fills = 0;
  let liveAtEnd = 0;
  for (let pass = 0; pass < 3; pass++) {
    const book = new OrderBook({ expectedOrders: 1 << 18 });
    const chunk = 1 << 20;
    const t0 = performance.now();
    for (let start = 0; start < stream.count; start += chunk) {
      const end = Math.min(stream.count, start + chunk);
      for (let i = start; i < end; i++) applyMessage(book, stream, i);
      book.fills.clear();
    }
    passSeconds.push((performance.now() - t0) / 1000);
    mem.sample();
    fills = book.counters.fills;
    liveAtEnd = book.orderCount;
  }
  const seconds = Math.min(...passSeconds);
  log(
    `throughput: ${
      (stream.count / seconds / 1e6).toFixed(2)
    } M messages/s (best of ${passSeconds.length})`,
  );

  // Pass 2: per-message latency on a fresh book.
  const overhead = timerOverheadNs();
  const lat = new Float32Array(stream.count);
  const book2 = new OrderBook({ expectedOrders: 1 << 18 });
  for (let i = 0; i < stream.count; i++) {
    const a = performance.now();
    applyMessage(book2, stream, i);
    lat[i] = (performance.now() - a) * 1e6 - overhead;
    if ((i & 0xfffff) === 0) book2.fills.clear();
  }
  mem.sample();
  const latencyByType: Record<string, LatencyStats> = {};
  for (let op = 0; op < STREAM_OP_NAMES.length; op++) {
    const n = mix[STREAM_OP_NAMES[op]] ?? 0;
    const xs = new Float64Array(n);
    let j = 0, sum = 0;
    for (let i = 0; i < stream.count; i++) {
      if (stream.op[i] === op) {
        const v = Math.max(0, lat[i]);
        xs[j++] = v;
        sum += v;
      }
    }
    xs.sort();
    latencyByType[STREAM_OP_NAMES[op]] = {
      count: n,
      medianNs: Math.round(percentile(xs, 0.5)),
      p99Ns: Math.round(percentile(xs, 0.99)),
      meanNs: Math.round(n > 0 ? sum / n : NaN),
    };
  }

  let replay: BookBenchResult["replay"] = null;
  if (opts.lobsterMessageFile !== null) {
    const file = opts.lobsterMessageFile;
    const p0 = performance.now();
    const m = await readLobsterMessages(file);
    const obFile = await orderbookFileBeside(file);
    const ob = obFile === null ? null : await readLobsterOrderbook(obFile);
    const parseSeconds = (performance.now() - p0) / 1000;
    // Warm up once (JIT), then time the best of three.
    replayLobster(m, ob);
    let best = Infinity;
    let mismatchRows = 0;
    for (let r = 0; r < 3; r++) {
      const r0 = performance.now();
      const out = replayLobster(m, ob);
      best = Math.min(best, (performance.now() - r0) / 1000);
      mismatchRows = out.report.mismatches.rows;
    }
    mem.sample();
    replay = {
      file,
      messages: m.count,
      parseSeconds,
      replaySeconds: best,
      messagesPerSecond: m.count / best,
      mismatchRows,
    };
    log(`replay ${file}: ${(m.count / best / 1e6).toFixed(2)} M messages/s`);
  }

  return {
    generated: {
      messages: stream.count,
      seed: opts.seed,
      mix,
      seconds,
      messagesPerSecond: stream.count / seconds,
      nsPerMessage: (seconds * 1e9) / stream.count,
      latencyByType,
      timerOverheadNs: Math.round(overhead),
      fills,
      liveOrdersAtEnd: liveAtEnd,
      passSeconds,
    },
    replay,
    peakRssBytes: mem.peakRss,
    peakHeapBytes: mem.peakHeap,
    target: { messagesPerSecond: 5_000_000 },
  };
}
