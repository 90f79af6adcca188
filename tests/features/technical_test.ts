import { strict as assert } from "node:assert";
import { assertClose, features, type RowSpec } from "./_frames.ts";

const at = (mid: number | null, date = "2024-01-02"): RowSpec => ({
  date,
  bid: mid === null ? null : mid - 0.01,
  ask: mid === null ? null : mid + 0.01,
});

Deno.test("sma_n: mean of the mid over n rows, null until n mids, restarting each day", () => {
  const rows = [...[10, 12, 14, 16].map((m) => at(m)), ...[20, 22].map((m) => at(m, "2024-01-03"))];
  const { cols } = features(rows, ["sma_3"]);
  assertClose(cols.sma_3, [null, null, 12, 14, null, null], 1e-15, "sma_3");
});

Deno.test("ema_n starts at the first mid, α = 2/(n + 1), no bias adjustment; a null mid is skipped", () => {
  const rows = [
    ...[10, 12, null, 16, 8].map((m) => at(m)),
    ...[20, 24].map((m) => at(m, "2024-01-03")),
  ];
  const { cols } = features(rows, ["ema_3"]); // α = 0.5
  assertClose(cols.ema_3, [10, 11, null, 13.5, 10.75, 20, 22], 1e-15, "ema_3");
});

Deno.test("ema_n starts at the day's first known mid", () => {
  const { cols } = features([null, 10, 13].map((m) => at(m)), ["ema_2"]); // α = 2/3
  assertClose(cols.ema_2, [null, 10, 12], 1e-15, "ema_2");
});

Deno.test("rsi: Wilder averages start as the means of the first P changes, at row P", () => {
  const mids = [10, 11, 10.5, 11.5, 11, 11, 12];
  const { cols } = features(mids.map((m) => at(m)), ["rsi"], { rsiPeriod: 3 });
  // U = 1, 0, 1, 0, 0, 1 and D = 0, .5, 0, .5, 0, 0 (from row 1).
  // Row 3: avgU = 2/3, avgD = 1/6. Then avg ← (2/3)·avg + x/3.
  assertClose(
    cols.rsi,
    [null, null, null, 80, 800 / 13, 800 / 13, 4300 / 53],
    1e-12,
    "rsi",
  );
});

Deno.test("rsi: 50 while the mid has not moved; the first complete window after a null seeds it", () => {
  const flat = features([10, 10, 10, 10, 10.5].map((m) => at(m)), ["rsi"], { rsiPeriod: 3 });
  assertClose(flat.cols.rsi, [null, null, null, 50, 100], 1e-15, "flat");
  const gap = features(
    [10, 11, null, 11, 12, 13, 12].map((m) => at(m)),
    ["rsi"],
    { rsiPeriod: 3 },
  );
  // Changes are known from row 4 on; the first window of 3 ends at row 6: U 1, 1, 0; D 0, 0, 1.
  assertClose(gap.cols.rsi, [null, null, null, null, null, null, 100 * (2 / 3)], 1e-12, "gap");
});

Deno.test("rsi restarts at a day boundary", () => {
  const mids = [10, 11, 10.5, 11.5];
  const rows = [...mids.map((m) => at(m)), ...mids.map((m) => at(m, "2024-01-03"))];
  const { cols } = features(rows, ["rsi"], { rsiPeriod: 3 });
  assert.deepEqual(cols.rsi.map((v) => v === null ? null : Math.round(v)), [
    null,
    null,
    null,
    80,
    null,
    null,
    null,
    80,
  ]);
});
