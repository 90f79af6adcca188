import { strict as assert } from "node:assert";
import { assertClose, features, type RowSpec } from "./_frames.ts";

/** A on two days and B on one, given out of order: windows must restart at each boundary. */
function boundaryRows(): RowSpec[] {
  const row = (symbol: string, date: string, i: number, mid: number): RowSpec => ({
    symbol,
    date,
    t: 34_200 + i * 0.1,
    bid: mid - 0.01,
    ask: mid + 0.01,
  });
  return [
    row("B", "2024-01-02", 0, 50),
    row("A", "2024-01-03", 0, 12),
    row("A", "2024-01-02", 0, 10),
    row("A", "2024-01-02", 1, 11),
    row("B", "2024-01-02", 1, 55),
    row("A", "2024-01-02", 2, 10),
    row("A", "2024-01-02", 3, 12),
    row("A", "2024-01-03", 1, 13),
    row("B", "2024-01-02", 2, 44),
  ];
}

Deno.test("returns: first k rows of each symbol-day are null; sorted by symbol, date, ts", () => {
  const { cols, frame } = features(boundaryRows(), ["log_return_1", "log_return_2", "return_1"]);
  // Output order: A 01-02 (10, 11, 10, 12), A 01-03 (12, 13), B 01-02 (50, 55, 44).
  assertClose(cols.mid, [10, 11, 10, 12, 12, 13, 50, 55, 44], 1e-15, "mid");
  assert.deepEqual(frame.getColumn("symbol").toArray(), [
    "A",
    "A",
    "A",
    "A",
    "A",
    "A",
    "B",
    "B",
    "B",
  ]);
  const ln = Math.log;
  assertClose(
    cols.log_return_1,
    [
      null,
      ln(11 / 10),
      ln(10 / 11),
      ln(12 / 10),
      null,
      ln(13 / 12),
      null,
      ln(55 / 50),
      ln(44 / 55),
    ],
    1e-15,
    "log_return_1",
  );
  assertClose(
    cols.log_return_2,
    [null, null, ln(10 / 10), ln(12 / 11), null, null, null, null, ln(44 / 50)],
    1e-15,
    "log_return_2",
  );
  assertClose(
    cols.return_1,
    [null, 0.1, 10 / 11 - 1, 0.2, null, 13 / 12 - 1, null, 0.1, 44 / 55 - 1],
    1e-14,
    "return_1",
  );
});

Deno.test("returns: a null mid makes the returns that reach it null", () => {
  const { cols } = features(
    [
      { bid: 9.99, ask: 10.01 },
      { bid: null, ask: 10.01 },
      { bid: 9.99, ask: 10.01 },
      { bid: 10.09, ask: 10.11 },
    ],
    ["log_return_1", "return_2"],
  );
  assertClose(cols.log_return_1, [null, null, null, Math.log(10.1 / 10)], 1e-15, "lr1");
  assertClose(cols.return_2, [null, null, 0, null], 1e-15, "r2");
});
