import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { planDay } from "../../lib/dataset/day_plan.ts";
import { planSource } from "../../lib/dataset/build.ts";
import { columnFloat64, validColumns } from "../../lib/dataset/frames.ts";
import { buildFeatures } from "../../lib/features/pipeline.ts";
import { syntheticInterim } from "../../lib/features/synthetic.ts";

const NS_PER_DAY = 86_400_000_000_000;

/** A feature frame of one symbol-day, with nulls in the middle when `nullRate` > 0. */
function featureDay(nullRate: number, seed: number): { frame: pl.DataFrame; features: string[] } {
  const interim = syntheticInterim({ rowsPerDay: 600, seed, nullRate });
  const { frame, plan } = buildFeatures(interim, {
    features: ["spread", "imbalance", "log_return_1", "realized_vol_10", "sma_20", "rsi"],
  });
  return { frame, features: plan.features.map((f) => f.name) };
}

function dayOf(frame: pl.DataFrame, features: string[]) {
  const date = String(frame.getColumn("date").get(0));
  const timeNs = frame.select(
    pl.col("ts").cast(pl.Datetime("ns")).cast(pl.Int64).modulo(pl.lit(NS_PER_DAY).cast(pl.Int64))
      .cast(pl.Float64).alias("t"),
  ).getColumn("t").toTypedArray() as Float64Array;
  return {
    symbol: String(frame.getColumn("symbol").get(0)),
    date,
    day: Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000),
    timeNs,
    mid: columnFloat64(frame, "mid"),
    columns: features.map((f) => columnFloat64(frame, f)),
  };
}

for (const [nullRate, seed] of [[0, 1], [0.02, 2], [0.2, 3]] as const) {
  Deno.test(`planDay equals planSource + validColumns (null rate ${nullRate})`, () => {
    const { frame, features } = featureDay(nullRate, seed);
    const opts = { T: 20, horizon: 3, label: "day" };
    const ref = planSource(frame, { ...opts, features });
    const refColumns = validColumns(frame, features, ref.valid);
    const got = planDay(dayOf(frame, features), opts);
    assert.deepEqual(got.valid, ref.valid);
    assert.deepEqual(got.plan, ref.plan);
    assert.deepEqual(got.columns.map((c) => Array.from(c)), refColumns.map((c) => Array.from(c)));
    if (nullRate > 0) {
      assert(ref.plan.rowsValid < frame.height - 60, "some rows in the middle invalid");
    }
  });
}

Deno.test("planDay: a time that does not increase fails naming the label and row", () => {
  const mid = Float64Array.from([10, 10, 10]);
  assert.throws(
    () =>
      planDay({
        symbol: "A",
        date: "2024-01-02",
        day: 19724,
        timeNs: Float64Array.from([1, 2, 2]),
        mid,
        columns: [mid],
      }, { T: 1, horizon: 1, label: "a.parquet" }),
    /a\.parquet.*row 2/s,
  );
});

Deno.test("planDay: no valid rows gives empty columns and no windows", () => {
  const nan = Float64Array.from([NaN, NaN]);
  const r = planDay({
    symbol: "A",
    date: "2024-01-02",
    day: 19724,
    timeNs: Float64Array.from([1, 2]),
    mid: Float64Array.from([1, 1]),
    columns: [nan],
  }, { T: 1, horizon: 1 });
  assert.equal(r.plan.rowsValid, 0);
  assert.equal(r.plan.starts.length, 0);
  assert.deepEqual(r.plan.groupKeys, []);
  assert.equal(r.columns[0].length, 0);
});
