import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { InputError } from "../../lib/core/errors.ts";
import {
  filterSplit,
  groupIndex,
  resolveFeatures,
  segmentLabels,
  segmentStarts,
  timestampsNs,
  validColumns,
  validMask,
} from "../../lib/dataset/frames.ts";

const df = pl.DataFrame({
  ts: pl.Series("ts", [1, 2, 3, 4, 5]).cast(pl.Datetime("ms")),
  symbol: ["A", "A", "A", "B", "B"],
  date: ["2024-01-02", "2024-01-02", "2024-01-03", "2024-01-03", "2024-01-03"],
  mid: [1, 1, 1, 1, 1],
  a: pl.Series("a", [1, null, 3, 4, 5], pl.Float64),
  b: pl.Series("b", [1, 2, 3, NaN, Infinity], pl.Float64),
  c: pl.Series("c", [10, 20, 30, 40, 50], pl.Int32),
  label: ["x", "y", "z", "w", "v"],
});

Deno.test("resolveFeatures: every non-key column by default, each numeric; requested ones checked", () => {
  const numeric = df.drop("label");
  assert.deepEqual(resolveFeatures(numeric.schema), ["a", "b", "c"]);
  assert.deepEqual(resolveFeatures(numeric.schema, { regimeColumn: "c" }), ["a", "b"]);
  assert.deepEqual(resolveFeatures(df.schema, { regimeColumn: "label" }), ["a", "b", "c"]);
  assert.throws(
    () => resolveFeatures(df.schema),
    /label: expected a numeric feature column, found String/,
  );
  assert.deepEqual(resolveFeatures(df.schema, { features: ["c", "a"] }), ["c", "a"]);
  assert.throws(
    () => resolveFeatures(df.schema, { features: ["a", "nope"], source: "f.parquet" }),
    (e: unknown) =>
      e instanceof InputError &&
      /^f\.parquet: nope: expected a feature column "nope"/.test(e.message),
  );
  assert.throws(
    () => resolveFeatures(df.schema, { features: ["label"] }),
    /label: expected a numeric feature column, found String/,
  );
  assert.throws(
    () => resolveFeatures(df.schema, { features: ["a", "a"] }),
    /each feature listed once/,
  );
  assert.throws(
    () => resolveFeatures(df.drop("mid").schema, { source: "g" }),
    /g: mid: expected a column "mid"/,
  );
});

Deno.test("validMask: nulls, NaN and ±∞ all make a row invalid", () => {
  assert.deepEqual([...validMask(df, ["a"])], [1, 0, 1, 1, 1]); // fast path (no NaN in a)
  assert.deepEqual([...validMask(df, ["a", "b"])], [1, 0, 1, 0, 0]); // NaN, ∞ in b
  assert.deepEqual([...validMask(df, ["c"])], [1, 1, 1, 1, 1]);
  const valid = validMask(df, ["a", "b"]);
  const [a, c] = validColumns(df, ["a", "c"], valid);
  assert.deepEqual([...a], [1, 3]);
  assert.deepEqual([...c], [10, 30]);
});

Deno.test("segments change with the symbol or the date", () => {
  const s = segmentStarts(df);
  assert.deepEqual([...s], [0, 2, 3]);
  assert.deepEqual(segmentLabels(df, s), [
    { symbol: "A", date: "2024-01-02" },
    { symbol: "A", date: "2024-01-03" },
    { symbol: "B", date: "2024-01-03" },
  ]);
  assert.equal(segmentStarts(df.head(0)).length, 0);
});

Deno.test("groupIndex: symbols, or symbol and regime; null regime → −1", () => {
  const g = groupIndex(df);
  assert.deepEqual(g.keys, [{ symbol: "A", regime: "all" }, { symbol: "B", regime: "all" }]);
  assert.deepEqual([...g.ids], [0, 0, 0, 1, 1]);
  const withRegime = df.withColumn(pl.Series("r", [2, 1, null, 1, 1]).cast(pl.Int32));
  const r = groupIndex(withRegime, "r");
  assert.deepEqual(r.keys, [
    { symbol: "A", regime: "1" },
    { symbol: "A", regime: "2" },
    { symbol: "B", regime: "1" },
  ]);
  assert.deepEqual([...r.ids], [1, 0, -1, 2, 2]);
});

Deno.test("timestampsNs: any Datetime unit becomes epoch ns; null timestamps are an input error", () => {
  assert.deepEqual([...timestampsNs(df)], [
    1_000_000n,
    2_000_000n,
    3_000_000n,
    4_000_000n,
    5_000_000n,
  ]);
  const nulls = df.withColumn(pl.Series("ts", [1, null, 3, 4, 5]).cast(pl.Datetime("ms")));
  assert.throws(
    () => timestampsNs(nulls, "x.parquet"),
    /x\.parquet: ts: expected a timestamp on every row, found 1 null/,
  );
});

Deno.test("filterSplit keeps the rows of an inclusive date range", () => {
  assert.equal(filterSplit(df, { start: "2024-01-03", end: "2024-01-03" }).height, 3);
  assert.equal(filterSplit(df, { start: "2024-01-01", end: "2024-01-02" }).height, 2);
});
