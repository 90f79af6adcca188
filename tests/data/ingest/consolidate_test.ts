/**
 * Consolidation of a symbol-day: sorting, exact duplicates (within and across
 * files; never among a LOBSTER file's events), gaps (reported, rows kept),
 * and the conflicts that cannot be merged.
 */

import { strict as assert } from "node:assert";
import { InputError } from "../../../lib/core/errors.ts";
import {
  consolidateSymbolDay,
  readLobsterTable,
  readUserTable,
  type TablePart,
  validateTable,
  type ValidationReport,
  ValidationReportBuilder,
} from "../../../lib/data/ingest/mod.ts";
import { BOOK_HEADER, countsAddUp, OPEN_NS, withTempDir, writeLines } from "./_helpers.ts";

const T = (s: string) => `2024-01-02T09:30:${s}`;

interface Run {
  parts: TablePart[];
  builder: ValidationReportBuilder;
}

async function readAll(
  paths: string[],
  opts: { strict?: boolean; maxGapS?: number | null } = {},
): Promise<Run> {
  const builder = new ValidationReportBuilder({
    strict: opts.strict ?? false,
    maxExamples: 5,
    maxGapS: opts.maxGapS ?? null,
  });
  const parts: TablePart[] = [];
  for (const path of paths) {
    const table = await readUserTable(path, {
      format: "csv",
      table: "auto",
      tsUnit: "ns",
      levels: 10,
      tickSize: 0.01,
      source: 0,
    });
    parts.push(...validateTable(table, { strict: opts.strict ?? false, report: builder }));
  }
  return { parts, builder };
}

function consolidate(run: Run, opts: { strict?: boolean; maxGapS?: number | null } = {}) {
  const day = consolidateSymbolDay(run.parts, {
    strict: opts.strict ?? false,
    report: run.builder,
    maxGapS: opts.maxGapS ?? null,
    session: { startNs: OPEN_NS, endNs: OPEN_NS + 60e9 },
  });
  return { day, report: run.builder.finish() as ValidationReport };
}

Deno.test("consolidate: rows sorted by ts (stable), across files", async () => {
  await withTempDir(async (dir) => {
    const a = await writeLines(dir, "a.csv", [
      BOOK_HEADER,
      `${T("03")},X,10,10.01,1,1`,
      `2024-01-02T09:29:59,X,10,10.01,2,1`, // backwards in file order: dropped by validation
    ]);
    const b = await writeLines(dir, "b.csv", [
      BOOK_HEADER,
      `${T("01")},X,10,10.01,3,1`,
      `${T("03")},X,10,10.01,4,1`, // same time as a.csv line 2: after it (file order)
    ]);
    const { day, report } = consolidate(await readAll([a, b]));
    assert.ok(day !== null);
    assert.deepEqual(day.book.getColumn("bid_qty_1").toArray(), [3, 1, 4]);
    assert.equal(report.dropped.time_backwards.count, 1);
    assert.deepEqual(day.files, [a, b]);
  });
});

Deno.test("consolidate: exact duplicates removed and counted against the later file", async () => {
  await withTempDir(async (dir) => {
    const a = await writeLines(dir, "a.csv", [
      BOOK_HEADER,
      `${T("01")},X,10,10.01,5,6`,
      `${T("01")},X,10,10.01,5,6`, // copy of line 2 in the same file
      `${T("01")},X,10,10.01,5,7`, // same time, one value differs: kept
      `${T("02")},X,10,10.01,5,6`, // same values, other time: kept
    ]);
    const b = await writeLines(dir, "b.csv", [
      BOOK_HEADER,
      `${T("02")},X,10,10.01,5,6`, // copy of a.csv line 5 (rows differ only in row number)
      `${T("03")},X,10,10.01,5,6`,
    ]);
    const { day, report } = consolidate(await readAll([a, b]));
    assert.ok(day !== null);
    assert.equal(report.dropped.duplicate.count, 2);
    assert.deepEqual(report.dropped.duplicate.examples.map((e) => [e.file, e.row, e.detail]), [
      [a, 3, `an exact copy of ${a} row 2`],
      [b, 2, `an exact copy of ${a} row 5`],
    ]);
    assert.equal(report.files[0].dropped.duplicate, 1);
    assert.equal(report.files[1].dropped.duplicate, 1);
    assert.equal(day.book.height, 4); // 6 rows, 2 copies
    assert.ok(countsAddUp(report));
    assert.ok(!("file_id" in report.dropped.duplicate.examples[0].values));
  });
});

Deno.test("consolidate: a duplicate in strict mode fails naming the file and row", async () => {
  await withTempDir(async (dir) => {
    const a = await writeLines(dir, "a.csv", [
      BOOK_HEADER,
      `${T("01")},X,10,10.01,5,6`,
      `${T("01")},X,10,10.01,5,6`,
    ]);
    const run = await readAll([a], { strict: true });
    assert.throws(() => consolidate(run, { strict: true }), {
      name: "InputError",
      message:
        `${a}:3: expected a row that is not an exact copy of an earlier row of the same symbol and day, found duplicate: an exact copy of ${a} row 2`,
    });
  });
});

Deno.test("consolidate: gaps longer than max_gap_s are reported and the rows kept", async () => {
  await withTempDir(async (dir) => {
    const a = await writeLines(dir, "a.csv", [
      BOOK_HEADER,
      `${T("01")},X,10,10.01,5,6`,
      `${T("11")},X,10,10.01,5,6`, // 10 s after the previous row: a gap over 5 s
      `${T("12")},X,10,10.01,5,6`,
    ]);
    const run = await readAll([a], { maxGapS: 5 });
    const { day, report } = consolidate(run, { maxGapS: 5 });
    assert.equal(day!.book.height, 3);
    assert.equal(report.rows_dropped, 0);
    // The gap between rows, and the 48 s from the last row to the session end (09:31:00).
    assert.equal(report.gaps.count, 2);
    assert.equal(report.gaps.examples[0].row, 3);
    assert.equal(
      report.gaps.examples[0].detail,
      "10.000 s without a book row, from 2024-01-02T09:30:01.000000000 to 2024-01-02T09:30:11.000000000",
    );
    assert.equal(
      report.gaps.examples[1].detail,
      "48.000 s without a book row, from 2024-01-02T09:30:12.000000000 to the session end 09:31:00",
    );
    // No limit, no gaps.
    const none = consolidate(await readAll([a]), { maxGapS: null });
    assert.equal(none.report.gaps.count, 0);
  });
});

Deno.test("consolidate: a late first row is a gap from the session start; strict fails on a gap", async () => {
  await withTempDir(async (dir) => {
    const a = await writeLines(dir, "a.csv", [BOOK_HEADER, `${T("30")},X,10,10.01,5,6`]);
    const { report } = consolidate(await readAll([a]), { maxGapS: 40 });
    assert.equal(report.gaps.count, 0); // 30 s after the open, 30 s before the end
    const late = consolidate(await readAll([a]), { maxGapS: 20 });
    assert.equal(late.report.gaps.count, 2);
    assert.match(
      late.report.gaps.examples[0].detail,
      /^30\.000 s .* from the session start 09:30:00/,
    );
    const run = await readAll([a], { strict: true });
    assert.throws(() => consolidate(run, { strict: true, maxGapS: 20 }), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.location?.line, 2);
      assert.match(e.message, /expected book rows at most max_gap_s seconds apart \(20 s\)/);
      return true;
    });
  });
});

Deno.test("consolidate: identical LOBSTER lines are separate events, never duplicates", async () => {
  await withTempDir(async (dir) => {
    // Two hidden executions of 100 shares at the same ns print identical lines (order id 0).
    const name = "ZZZ_2024-01-02_34200000_57600000";
    const messages = await writeLines(dir, `${name}_message_1.csv`, [
      "34200.000000001,1,1,10,1000000,1",
      "34200.000000002,1,2,10,1001000,-1",
      "34200.000000003,5,0,100,1000500,1",
      "34200.000000003,5,0,100,1000500,1",
    ]);
    const table = await readLobsterTable({
      ticker: "ZZZ",
      date: "2024-01-02",
      levels: 1,
      messageFile: messages,
      orderbookFile: null,
    }, { tickSize: 0.01, levels: 1, source: 0 });
    const builder = new ValidationReportBuilder({ strict: true, maxExamples: 5, maxGapS: null });
    const parts = validateTable(table, { strict: true, report: builder });
    const day = consolidateSymbolDay(parts, { strict: true, report: builder, maxGapS: null });
    assert.equal(day!.book.height, 4);
    assert.equal(builder.finish().dropped.duplicate.count, 0);
  });
});

Deno.test("consolidate: conflicts that cannot be merged throw, naming both files", async () => {
  await withTempDir(async (dir) => {
    const fixture = "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv";
    const pair = {
      ticker: "AAPL",
      date: "2012-06-21",
      levels: 10,
      messageFile: fixture,
      orderbookFile: fixture.replace("message", "orderbook"),
    };
    const builder = new ValidationReportBuilder({ strict: false, maxExamples: 5, maxGapS: null });
    const lob = async () =>
      validateTable(await readLobsterTable(pair, { tickSize: 0.01, levels: 2, source: 0 }), {
        strict: false,
        report: builder,
      });
    const csv = await writeLines(dir, "aapl.csv", [
      BOOK_HEADER,
      "2012-06-21T09:30:01,AAPL,1,2,3,4",
    ]);
    const snap = validateTable(
      await readUserTable(csv, {
        format: "csv",
        table: "auto",
        tsUnit: "ns",
        levels: 1,
        tickSize: 0.01,
        source: 1,
      }),
      { strict: false, report: builder },
    );
    const options = { strict: false, report: builder, maxGapS: null };
    const events = await lob();
    assert.throws(
      () => consolidateSymbolDay([...events, ...snap], options),
      {
        message: new RegExp(
          `^${csv}: expected one events source per symbol and day .*, found AAPL 2012-06-21 also comes from ${fixture}$`,
        ),
      },
    );
    assert.throws(() => consolidateSymbolDay([...events, ...events], options), InputError);
    const trades = await writeLines(dir, "t.csv", [
      "ts,symbol,price,qty",
      "2012-06-21T09:30:01,AAPL,1,2",
    ]);
    const tradeParts = validateTable(
      await readUserTable(trades, {
        format: "csv",
        table: "auto",
        tsUnit: "ns",
        levels: 1,
        tickSize: 0.01,
        source: 2,
      }),
      { strict: false, report: builder },
    );
    assert.throws(() => consolidateSymbolDay([...events, ...tradeParts], options), {
      message: /expected no trades file for a symbol-day with an events source/,
    });
    const otherTick = { ...snap[0], tickSize: 0.05 };
    assert.throws(() => consolidateSymbolDay([snap[0], otherTick], options), {
      message: new RegExp(
        `expected tick size 0.01 \\(as ${csv}, same symbol and day\\), found 0.05`,
      ),
    });
  });
});
