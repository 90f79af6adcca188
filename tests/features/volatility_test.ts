import { strict as assert } from "node:assert";
import { assertClose, features, type RowSpec } from "./_frames.ts";

/** Sample standard deviation (ddof = 1), two-pass. */
function sampleStd(x: number[]): number {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
}

const at = (mid: number, date = "2024-01-02"): RowSpec => ({
  date,
  bid: mid - 0.01,
  ask: mid + 0.01,
});

Deno.test("realized_vol_n: sample std of log_return_1 over n rows; n + 1 mids needed; per day", () => {
  const mids = [100, 101, 100, 102, 102, 102, 102];
  const rows = [...mids.map((m) => at(m)), ...mids.slice(0, 4).map((m) => at(m, "2024-01-03"))];
  const { cols } = features(rows, ["realized_vol_3"]);
  const r = mids.map((m, i) => (i === 0 ? NaN : Math.log(m / mids[i - 1])));
  const expected = [
    null,
    null,
    null,
    sampleStd(r.slice(1, 4)),
    sampleStd(r.slice(2, 5)),
    sampleStd(r.slice(3, 6)),
    0,
    // the next day starts again
    null,
    null,
    null,
    sampleStd(r.slice(1, 4)),
  ];
  assertClose(cols.realized_vol_3, expected, 1e-12, "realized_vol_3");
  assert.equal(cols.realized_vol_3[6], 0); // exactly: three zero returns
});

Deno.test("realized_vol_n: a window of equal nonzero returns is exactly 0", () => {
  // Mids doubling each row give equal log returns ln 2.
  const { cols } = features([1, 2, 4, 8, 16].map((m) => at(m)), ["realized_vol_2"]);
  assert.deepEqual(cols.realized_vol_2, [null, null, 0, 0, 0]);
});

Deno.test("hl_vol_n: Parkinson over the last n rows' high and low mids", () => {
  const c = 4 * Math.LN2;
  const hl: [number | null, number | null][] = [
    [101, 100],
    [101, 101],
    [102, 100],
    [100, 100],
    [100, 100],
    [null, 100],
    [100, 100],
  ];
  const rows = hl.map(([hi, lo]) => ({ ...at(100.5), hi, lo }));
  const { cols } = features(rows, ["hl_vol_2"]);
  const term = (h: number, l: number) => Math.log(h / l) ** 2 / c;
  const t = [term(101, 100), 0, term(102, 100), 0, 0];
  assertClose(
    cols.hl_vol_2,
    [
      null,
      Math.sqrt((t[0] + t[1]) / 2),
      Math.sqrt((t[1] + t[2]) / 2),
      Math.sqrt((t[2] + t[3]) / 2),
      0,
      null,
      null,
    ],
    1e-12,
    "hl_vol_2",
  );
  assert.equal(cols.hl_vol_2[4], 0);
});

Deno.test("hl_vol_n is unavailable, with the reason, where the data has no high/low mids", () => {
  const rows = [100, 101, 102].map((m) => at(m));
  const { plan, frame } = features(rows, ["mid_price", "hl_vol_2"], {}, {
    drop: ["mid_high", "mid_low"],
  });
  assert.deepEqual(frame.columns, ["ts", "symbol", "date", "mid", "mid_price"]);
  assert.equal(plan.unavailable[0].name, "hl_vol_2");
  assert.match(plan.unavailable[0].reason, /mid_high\), absent in every symbol-day/);
});
