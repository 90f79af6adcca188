/**
 * One test per validation rule (missing, non-positive, crossed/locked, time
 * going backwards), the precedence between rules, the report's counts and
 * examples, and strict mode. Duplicates and gaps: consolidate_test.ts.
 */

import { strict as assert } from "node:assert";
import { InputError } from "../../../lib/core/errors.ts";
import { BOOK_HEADER, countsAddUp, validateCsv, withTempDir, writeLines } from "./_helpers.ts";

const T = (s: string) => `2024-01-02T09:30:${s}`;

Deno.test("validate: missing — null, NaN, infinite and unparsable values drop the row", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      BOOK_HEADER,
      `${T("01")},X,10,10.01,5,6`, // line 2: fine
      `${T("02")},X,,10.01,5,6`, // 3: empty best_bid
      `${T("03")},X,10,10.01,NaN,6`, // 4: NaN size
      `${T("04")},X,10,inf,5,6`, // 5: infinite ask
      `not-a-time,X,10,10.01,5,6`, // 6: ts does not parse
      `${T("06")},,10,10.01,5,6`, // 7: no symbol
      `${T("07")},X,10,10.01,5,6`, // 8: fine
    ]);
    const { parts, report } = await validateCsv(path);
    assert.equal(report.dropped.missing.count, 5);
    assert.equal(report.rows_kept, 2);
    assert.deepEqual(report.dropped.missing.examples.map((e) => e.row), [3, 4, 5, 6, 7]);
    assert.match(report.dropped.missing.examples[0].detail, /null in best_bid/);
    assert.match(report.dropped.missing.examples[1].detail, /NaN in bid_qty_1/);
    assert.match(report.dropped.missing.examples[2].detail, /Infinity in best_ask/);
    assert.match(report.dropped.missing.examples[3].detail, /null in ts/);
    assert.equal(parts.length, 1);
    assert.deepEqual(parts[0].frame.getColumn("row").toArray().map(Number), [2, 8]);
    assert.ok(countsAddUp(report));
  });
});

Deno.test("validate: missing — a deeper level with a price but no size, or a size but no price", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      `${BOOK_HEADER},bid_price_2,bid_qty_2,ask_price_2,ask_qty_2`,
      `${T("01")},X,10,10.01,5,6,9.99,3,10.02,4`, // fine
      `${T("02")},X,10,10.01,5,6,,,10.02,4`, // fine: bid level 2 empty
      `${T("03")},X,10,10.01,5,6,,0,10.02,4`, // fine: empty, size written as 0
      `${T("04")},X,10,10.01,5,6,9.99,,10.02,4`, // price without size
      `${T("05")},X,10,10.01,5,6,,3,10.02,4`, // size without price
    ]);
    const { report } = await validateCsv(path);
    assert.equal(report.dropped.missing.count, 2);
    assert.deepEqual(report.dropped.missing.examples.map((e) => e.row), [5, 6]);
    assert.match(report.dropped.missing.examples[0].detail, /bid_price_2 9\.99 without bid_qty_2/);
    assert.match(report.dropped.missing.examples[1].detail, /bid_qty_2 3 without bid_price_2/);
  });
});

Deno.test("validate: non-positive prices or sizes drop the row", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      `${BOOK_HEADER},bid_price_2,bid_qty_2,ask_price_2,ask_qty_2`,
      `${T("01")},X,0,10.01,5,6,,,,`, // zero bid
      `${T("02")},X,10,10.01,-5,6,,,,`, // negative size
      `${T("03")},X,10,10.01,5,6,9.99,0,,`, // a priced level of size 0
      `${T("04")},X,10,10.01,5,6,-1,2,,`, // negative deeper price
      `${T("05")},X,10,10.01,5,6,9.99,2,,`, // fine
    ]);
    const { report } = await validateCsv(path);
    assert.equal(report.dropped.non_positive.count, 4);
    assert.equal(report.rows_kept, 1);
    assert.match(report.dropped.non_positive.examples[0].detail, /best_bid = 0/);
    assert.match(report.dropped.non_positive.examples[1].detail, /bid_qty_1 = -5/);
    assert.match(report.dropped.non_positive.examples[2].detail, /bid_qty_2 = 0/);
  });
});

Deno.test("validate: crossed and locked books drop the row", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      BOOK_HEADER,
      `${T("01")},X,10.02,10.01,5,6`, // crossed
      `${T("02")},X,10.01,10.01,5,6`, // locked
      `${T("03")},X,10.00,10.01,5,6`, // fine
    ]);
    const { report } = await validateCsv(path);
    assert.equal(report.dropped.crossed.count, 2);
    assert.deepEqual(report.dropped.crossed.examples.map((e) => e.detail), [
      "best_bid 10.02 ≥ best_ask 10.01",
      "best_bid 10.01 ≥ best_ask 10.01",
    ]);
    assert.equal(report.dropped.crossed.examples[0].values.best_bid, 10.02);
    assert.equal(report.dropped.crossed.examples[0].values.ts, "2024-01-02T09:30:01.000000000");
    assert.equal(report.dropped.crossed.examples[0].file.endsWith("q.csv"), true);
  });
});

Deno.test("validate: time going backwards within a symbol-day, in file order", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      BOOK_HEADER,
      `${T("01")},X,10,10.01,5,6`, // 2
      `${T("03")},X,10,10.01,5,6`, // 3
      `${T("02")},X,10,10.01,5,6`, // 4: before line 3 → dropped
      `${T("04")},X,10,10.01,5,6`, // 5: fine again
      `${T("00")},Y,10,10.01,5,6`, // 6: another symbol has its own clock
      `${T("05")},X,,10.01,5,6`, // 7: missing: skipped by the time check
      `${T("04.5")},X,10,10.01,5,6`, // 8: compared with line 5, not 7: fine (04.5 ≥ 04)
      `2024-01-01T15:00:00,X,10,10.01,5,6`, // 9: another day: its own clock
    ]);
    const { parts, report } = await validateCsv(path);
    assert.equal(report.dropped.time_backwards.count, 1);
    const ex = report.dropped.time_backwards.examples[0];
    assert.equal(ex.row, 4);
    assert.equal(
      ex.detail,
      "ts 2024-01-02T09:30:02.000000000 is before the previous row's 2024-01-02T09:30:03.000000000",
    );
    assert.equal(report.dropped.missing.count, 1);
    // Parts per (symbol, day), in order of first appearance.
    assert.deepEqual(parts.map((p) => `${p.symbol} ${p.date} ${p.frame.height}`), [
      "X 2024-01-02 4",
      "Y 2024-01-02 1",
      "X 2024-01-01 1",
    ]);
    assert.ok(countsAddUp(report));
  });
});

Deno.test("validate: a row breaking several rules counts once, for the first rule", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      BOOK_HEADER,
      `${T("05")},X,10,10.01,5,6`,
      `${T("01")},X,-10.02,-10.03,,6`, // missing, non-positive, crossed and backwards: missing
      `${T("01")},X,-10.02,-10.03,5,6`, // non-positive, crossed, backwards: non_positive
      `${T("01")},X,10.02,10.01,5,6`, // crossed and backwards: crossed
    ]);
    const { report } = await validateCsv(path);
    assert.equal(report.dropped.missing.count, 1);
    assert.equal(report.dropped.non_positive.count, 1);
    assert.equal(report.dropped.crossed.count, 1);
    assert.equal(report.dropped.time_backwards.count, 0);
    assert.equal(report.rows_kept, 1);
    assert.ok(countsAddUp(report));
  });
});

Deno.test("validate: examples are capped; counts are not", async () => {
  await withTempDir(async (dir) => {
    const lines = [BOOK_HEADER];
    for (let i = 0; i < 20; i++) lines.push(`${T(String(10 + i))},X,10.02,10.01,5,6`);
    const path = await writeLines(dir, "q.csv", lines);
    const { report } = await validateCsv(path, { maxExamples: 3 });
    assert.equal(report.dropped.crossed.count, 20);
    assert.deepEqual(report.dropped.crossed.examples.map((e) => e.row), [2, 3, 4]);
    assert.equal(report.files[0].rows_in, 20);
    assert.equal(report.files[0].rows_kept, 0);
    assert.ok(countsAddUp(report));
  });
});

Deno.test("validate: strict mode fails on the first problem, naming the file and row", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      BOOK_HEADER,
      `${T("01")},X,10,10.01,5,6`,
      `${T("02")},X,10.02,10.01,5,6`, // line 3: crossed
      `${T("03")},X,,10.01,5,6`, // line 4: missing (later)
    ]);
    await assert.rejects(validateCsv(path, { strict: true }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.location?.file, path);
      assert.equal(e.location?.line, 3);
      assert.equal(
        e.message,
        `${path}:3: expected best_bid < best_ask (a crossed or locked book is not a valid state), found crossed: best_bid 10.02 ≥ best_ask 10.01`,
      );
      return true;
    });
    // The same file without problems passes strict mode.
    const clean = await writeLines(dir, "clean.csv", [BOOK_HEADER, `${T("01")},X,10,10.01,5,6`]);
    const { report } = await validateCsv(clean, { strict: true });
    assert.equal(report.mode, "strict");
    assert.equal(report.rows_kept, 1);
  });
});
