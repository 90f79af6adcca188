import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { ConfigError, InputError } from "../../lib/core/errors.ts";
import {
  buildFeatures,
  computeFeatures,
  DEFAULT_FEATURES,
  inspectSource,
  planFeatures,
  syntheticInterim,
} from "../../lib/features/mod.ts";
import { interimFrame } from "./_frames.ts";

Deno.test("pipeline: the default set gives ts, symbol, date, mid and 28 Float64 columns, no NaN", () => {
  const input = syntheticInterim({ symbols: ["A", "B"], days: 2, rowsPerDay: 200, nullRate: 0.05 });
  const { frame, plan } = buildFeatures(input);
  assert.deepEqual(frame.columns, ["ts", "symbol", "date", "mid", ...DEFAULT_FEATURES]);
  assert.equal(plan.features.length, 28);
  assert.equal(frame.height, 800);
  assert.equal(String(frame.getColumn("ts").dtype), String(pl.Datetime("ns")));
  for (const name of ["mid", ...DEFAULT_FEATURES]) {
    const s = frame.getColumn(name);
    assert.equal(String(s.dtype), String(pl.Float64), name);
    const nan = frame.select(pl.col(name).isNan().sum().alias("n")).getColumn("n").get(0);
    assert.equal(Number(nan), 0, `${name} holds NaN`);
  }
  // Empty bids (5% of rows) make the book features null, never NaN.
  assert(frame.getColumn("spread").nullCount() > 0);
});

Deno.test("pipeline: a lazy frame in, a lazy frame out; `sorted` skips the sort", () => {
  const input = syntheticInterim({ rowsPerDay: 50 });
  const plan = planFeatures(inspectSource(input.lazy()), { features: ["log_return_1"] });
  const lazy = computeFeatures(input.lazy(), plan, { sorted: true });
  assert.equal(typeof lazy.collectSync, "function");
  const a = lazy.collectSync();
  const shuffled = input.withColumns(pl.col("ts").shuffle(3).alias("__k")).sort("__k").drop("__k");
  assert(!shuffled.frameEqual(input), "shuffled");
  const b = computeFeatures(shuffled, plan).collectSync();
  assert(a.frameEqual(b, true), "sorting restores the order");
});

Deno.test("pipeline: a missing required column is an input error naming it", () => {
  const frame = interimFrame([{ bid: 10, ask: 10.01 }]).drop("bid_qty_1");
  assert.throws(
    () => buildFeatures(frame),
    (e: unknown) => e instanceof InputError && /column "bid_qty_1"/.test(e.message),
  );
});

Deno.test("pipeline: unknown or repeated feature names are config errors with a hint", () => {
  const frame = interimFrame([{ bid: 10, ask: 10.01 }]);
  assert.throws(
    () => buildFeatures(frame, { features: ["mid_price", "realised_vol_10"] }),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.message.includes("features.list[1]") &&
      e.message.includes('did you mean "realized_vol_10"?'),
  );
  assert.throws(
    () => buildFeatures(frame, { features: ["spread", "spread"] }),
    (e: unknown) => e instanceof ConfigError && /each feature once/.test(e.message),
  );
});

Deno.test("pipeline: inspectSource reports levels and which optional columns hold values", () => {
  const frame = interimFrame([
    { symbol: "A", bid: 10, ask: 10.01, trades: 2, bids: [5, 6], asks: [7, 8] },
    { symbol: "B", bid: 10, ask: 10.01, bids: [5, 6], asks: [7, 8] },
  ]);
  const info = inspectSource(frame);
  assert.equal(info.levels, 3);
  assert.deepEqual(info.days.map((d) => [d.symbol, d.rows, d.present]), [
    ["A", 1, ["tick_size", "trade_count", "mid_high", "mid_low"]],
    ["B", 1, ["tick_size", "mid_high", "mid_low"]],
  ]);
});
