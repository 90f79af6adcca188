import { strict as assert } from "node:assert";
import fc from "fast-check";
import pl from "nodejs-polars";
import { UsageError } from "../../lib/core/errors.ts";
import { gridDayFromFrame } from "../../lib/data/interim/grid_day_frame.ts";
import {
  computeFeatureColumns,
  computeFeatures,
  computeFeaturesColumnar,
  ewmMean,
  FEATURE_REGISTRY,
  type FeatureParams,
  type FeaturePlan,
  inspectSource,
  planFeatures,
  resolveFeature,
  rollingStd,
  rollingSum,
  syntheticInterim,
  wilderRsi,
} from "../../lib/features/mod.ts";
import { interimFrame, type RowSpec } from "./_frames.ts";

/** Every registered feature, and parametric ones with other windows. */
const ALL = [
  ...FEATURE_REGISTRY.map((f) => f.name),
  "sma_3",
  "realized_vol_2",
  "ema_5",
  "log_return_2",
  "return_3",
  "hl_vol_1",
  "hl_vol_7",
];

const REL = 1e-9, ABS = 1e-12;

/**
 * Computes the plan on `frame` both ways and asserts: same columns, types
 * and keys; nulls at the same places; values within REL relative (or ABS
 * absolute). Returns the plan.
 */
function assertSame(
  frame: pl.DataFrame,
  names: readonly string[] = ALL,
  params: Partial<FeatureParams> = {},
): FeaturePlan {
  const plan = planFeatures(inspectSource(frame), { features: names, params });
  const want = computeFeatures(frame, plan).collectSync();
  const got = computeFeaturesColumnar(frame, plan);
  assert.deepEqual(got.columns, want.columns);
  assert.deepEqual(got.dtypes.map(String), want.dtypes.map(String));
  assert.equal(got.height, want.height);
  for (const key of ["ts", "symbol", "date"]) {
    assert(got.getColumn(key).equals(want.getColumn(key)), `${key} differs`);
  }
  for (const c of want.columns.slice(3)) {
    const e = want.getColumn(c).toArray() as (number | null)[];
    const a = got.getColumn(c).toArray() as (number | null)[];
    for (let i = 0; i < e.length; i++) {
      if (e[i] === null || a[i] === null) {
        assert.equal(a[i], e[i], `${c}[${i}]: null differs`);
        continue;
      }
      const x = e[i] as number, y = a[i] as number;
      const err = Math.abs(x - y);
      assert(
        err <= REL * Math.abs(x) || err <= ABS,
        `${c}[${i}]: columnar ${y}, polars ${x}`,
      );
    }
  }
  return plan;
}

/**
 * `frame` with a flat mid (bid and ask, high and low frozen) on rows
 * [from, to) of every symbol-day.
 */
function withFlatStretch(frame: pl.DataFrame, from: number, to: number): pl.DataFrame {
  const idx = pl.col("ts").cumCount().over("symbol", "date");
  const inside = idx.gtEq(from).and(idx.lt(to));
  const frozen = (c: string) => pl.col(c).filter(idx.eq(from)).first().over("symbol", "date");
  const mid = pl.col("best_bid").add(pl.col("best_ask")).mul(0.5);
  return frame.withColumns(
    pl.when(inside).then(frozen("best_bid")).otherwise(pl.col("best_bid")).alias("best_bid"),
    pl.when(inside).then(frozen("best_ask")).otherwise(pl.col("best_ask")).alias("best_ask"),
  ).withColumns(
    pl.when(inside).then(mid).otherwise(pl.col("mid_high")).alias("mid_high"),
    pl.when(inside).then(mid).otherwise(pl.col("mid_low")).alias("mid_low"),
  );
}

Deno.test("columnar: equals polars on several symbol-days with events and 5 levels", () => {
  const frame = syntheticInterim({
    symbols: ["A", "B"],
    days: 2,
    rowsPerDay: 700,
    nullRate: 0.02,
    seed: 11,
  });
  const plan = assertSame(frame);
  assert.equal(plan.features.length, ALL.length);
  assert.equal(plan.ofiSource.summary, "events");
});

Deno.test("columnar: equals polars without event data, 1 level (snapshot OFI)", () => {
  const frame = syntheticInterim({
    symbols: ["A"],
    days: 2,
    rowsPerDay: 500,
    levels: 1,
    events: false,
    nullRate: 0.03,
    seed: 12,
  });
  const plan = assertSame(frame);
  assert.equal(plan.ofiSource.summary, "snapshots");
  assert(plan.unavailable.some((u) => u.name === "trade_intensity"));
});

Deno.test("columnar: equals polars without optional columns, with other params", () => {
  const frame = syntheticInterim({ symbols: ["Z"], rowsPerDay: 400, levels: 3, seed: 13 })
    .drop("trade_count", "cancel_count", "ofi_events", "mid_high", "mid_low", "tick_size");
  const plan = assertSame(frame, ALL, {
    depthLevels: 2,
    decisionMs: 250,
    fastWindow: 4,
    rsiPeriod: 5,
    tickSize: 0.01,
  });
  assert(plan.unavailable.some((u) => u.name === "hl_vol_10"));
});

Deno.test("columnar: equals polars on flat mids (>50 rows, also from the day's start)", () => {
  const base = syntheticInterim({ symbols: ["A", "B"], rowsPerDay: 600, seed: 14 });
  assertSame(withFlatStretch(withFlatStretch(base, 100, 230), 0, 40));
  // Exactly zero where polars is exactly zero.
  const frame = withFlatStretch(base, 100, 230);
  const plan = planFeatures(inspectSource(frame), { features: ["realized_vol_50", "hl_vol_50"] });
  const got = computeFeaturesColumnar(frame, plan);
  assert.equal(got.getColumn("realized_vol_50").get(220), 0);
  assert.equal(got.getColumn("hl_vol_50").get(220), 0);
});

Deno.test("columnar: equals polars on days shorter than the longest window", () => {
  assertSame(syntheticInterim({ symbols: ["A", "B"], days: 2, rowsPerDay: 30, seed: 15 }));
  assertSame(syntheticInterim({ rowsPerDay: 1, seed: 16 }));
});

Deno.test("columnar: equals polars with null and NaN sizes and null deeper levels", () => {
  const base = syntheticInterim({ symbols: ["A"], rowsPerDay: 500, nullRate: 0.02, seed: 17 });
  const i = pl.col("__i");
  const frame = base.withRowIndex("__i").withColumns(
    pl.when(i.modulo(37).eq(5)).then(pl.lit(NaN)).otherwise(pl.col("ask_qty_1")).alias(
      "ask_qty_1",
    ),
    pl.when(i.modulo(11).eq(3)).then(pl.lit(null)).otherwise(pl.col("bid_qty_3")).alias(
      "bid_qty_3",
    ),
    pl.when(i.modulo(13).eq(4)).then(pl.lit(null)).otherwise(pl.col("ofi_events")).alias(
      "ofi_events",
    ),
    pl.when(i.modulo(17).eq(6)).then(pl.lit(null)).otherwise(pl.col("mid_high")).alias(
      "mid_high",
    ),
  ).drop("__i");
  assertSame(frame);
});

Deno.test("columnar: sorts an unsorted frame like computeFeatures", () => {
  const frame = syntheticInterim({ symbols: ["B", "A"], days: 2, rowsPerDay: 120, seed: 18 });
  const shuffled = frame.sort(["ask_qty_3", "bid_qty_2"]); // out of (symbol, date, ts) order
  assertSame(shuffled, ["spread", "log_return_5", "rsi", "ofi_rolling", "ema_10"]);
});

Deno.test("computeFeatureColumns: fills preallocated outputs and checks their length", () => {
  const frame = syntheticInterim({ rowsPerDay: 200, seed: 19 });
  const plan = planFeatures(inspectSource(frame), { features: ["spread", "sma_10"] });
  const day = gridDayFromFrame(frame);
  const outs = [new Float64Array(200), new Float64Array(200)];
  const { columns, mid } = computeFeatureColumns(day, plan, outs);
  assert.equal(columns[0], outs[0]);
  assert.equal(columns[1], outs[1]);
  assert.equal(mid.length, 200);
  assert(Number.isNaN(outs[1][8]) && !Number.isNaN(outs[1][9]));
  assert.throws(
    () => computeFeatureColumns(day, plan, [new Float64Array(199), new Float64Array(200)]),
    UsageError,
  );
});

Deno.test("kernels: windows are NaN when incomplete and recover after a NaN", () => {
  const x = new Float64Array([1, 2, 3, NaN, 5, 6, 7, 8]);
  const out = new Float64Array(8);
  rollingSum(x, 2, 1, out);
  assert.deepEqual(Array.from(out).map((v) => (Number.isNaN(v) ? null : v)), [
    null,
    3,
    5,
    null,
    null,
    11,
    13,
    15,
  ]);
  rollingStd(new Float64Array([0, 0, 0, 2, 0, 0, 0]), 3, out.subarray(0, 7));
  const sd = Math.sqrt(4 / 3);
  assert(Number.isNaN(out[0]) && Number.isNaN(out[1]));
  assert.equal(out[2], 0);
  for (const i of [3, 4, 5]) assert(Math.abs(out[i] - sd) < 1e-15, `std[${i}] = ${out[i]}`);
  assert.equal(out[6], 0); // exactly 0 once the move has left the window
  const e = new Float64Array(3);
  ewmMean(new Float64Array([NaN, 4, 8]), 0.5, e);
  assert.deepEqual(Array.from(e).map((v) => Number.isNaN(v) ? null : v), [null, 4, 6]);
  const r = new Float64Array(4);
  wilderRsi(new Float64Array([NaN, 0, 0, 1]), new Float64Array([NaN, 0, 0, 0]), 2, r);
  assert.deepEqual(Array.from(r).map((v) => Number.isNaN(v) ? null : v), [null, null, 50, 100]);
});

Deno.test("kernels: running sums stay exact-ish over long days", () => {
  const n = 20_000;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 100 + ((i * 7919) % 13) * 0.005;
  const out = new Float64Array(n);
  rollingSum(x, 50, 50, out);
  for (let i = 49; i < n; i += 997) {
    let s = 0;
    for (let j = i - 49; j <= i; j++) s += x[j];
    assert(Math.abs(out[i] - s / 50) <= 1e-12 * (s / 50), `row ${i}`);
  }
});

/** A small random book: per row a mid move, a spread, sizes, nulls and event values. */
const rowArb = fc.record({
  move: fc.integer({ min: -2, max: 2 }),
  spread: fc.integer({ min: 1, max: 3 }),
  qb: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(null)),
  qa: fc.integer({ min: 0, max: 50 }),
  q2: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(null)),
  nullBid: fc.integer({ min: 0, max: 9 }).map((k) => k === 0),
  bump: fc.integer({ min: 0, max: 2 }),
  trades: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(null)),
  ofi: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(null)),
});

Deno.test("columnar: equals polars on random small books (property)", () => {
  const names = [
    "spread_bps",
    "imbalance",
    "depth_imbalance",
    "microprice",
    "log_return_1",
    "return_2",
    "realized_vol_3",
    "hl_vol_2",
    "ofi",
    "ofi_rolling",
    "trade_intensity",
    "sma_3",
    "ema_3",
    "rsi",
    "minute_sin",
  ];
  fc.assert(
    fc.property(
      fc.array(rowArb, { minLength: 1, maxLength: 40 }),
      fc.boolean(),
      (rows, twoDays) => {
        let half = 2000;
        const specs: RowSpec[] = rows.map((r, i) => {
          const prev = half;
          half += r.move;
          const bidTicks = Math.floor((half - r.spread) / 2);
          const bid = bidTicks * 0.01, ask = (half - bidTicks) * 0.01;
          return {
            date: twoDays && i >= rows.length / 2 ? "2024-01-03" : "2024-01-02",
            bid: r.nullBid ? null : bid,
            ask,
            qb: r.qb,
            qa: r.qa,
            bids: [r.q2],
            asks: [10],
            trades: r.trades,
            cancels: 1,
            hi: (Math.max(half, prev) + r.bump) * 0.005,
            lo: (Math.min(half, prev) - (r.bump === 2 ? 1 : 0)) * 0.005,
            ofi: r.ofi,
          };
        });
        assertSame(interimFrame(specs), names, { rsiPeriod: 3, fastWindow: 3 });
      },
    ),
    { numRuns: 60, seed: 7 },
  );
});

Deno.test("every registered and parametric feature has a batch form", () => {
  for (const name of ALL) {
    const f = resolveFeature(name);
    assert(f !== undefined && typeof f.batch === "function", `${name} lacks batch`);
  }
});
