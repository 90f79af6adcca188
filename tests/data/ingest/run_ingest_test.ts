/**
 * The whole pipeline: the LOBSTER fixture on the grid, several sources and
 * symbols at once, determinism (same input, same bytes), atomic output, strict
 * mode writing nothing, and the real AMZN / GOOG days where present.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { InputError } from "../../../lib/core/errors.ts";
import { readLobsterMessages, readLobsterOrderbook } from "../../../lib/data/lobster/mod.ts";
import { runIngest, writeInterimFile } from "../../../lib/data/ingest/mod.ts";
import {
  BOOK_HEADER,
  countsAddUp,
  FIXTURE_DIR,
  section,
  SHARED_DIR,
  sharedDataPresent,
  withTempDir,
  writeLines,
} from "./_helpers.ts";

const AAPL = "AAPL_2012-06-21_34200000_57600000";

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      if (e.isDirectory) await walk(join(d, e.name));
      else out.push(join(d, e.name).slice(dir.length + 1));
    }
  };
  await walk(dir);
  return out.sort();
}

Deno.test("ingest: the AAPL fixture on the grid equals the orderbook row last at or before each time", async () => {
  await withTempDir(async (dir) => {
    const cfg = section({
      sources: [{ kind: "lobster", path: join(FIXTURE_DIR, `${AAPL}_message_10.csv`) }],
      interim_dir: dir,
      session_end: "09:30:30",
      levels: 3,
    });
    const { summary, report } = await runIngest(cfg);
    assert.equal(report.rows_in, 500);
    assert.ok(countsAddUp(report));
    const out = summary.outputs[0];
    assert.equal(out.file, join(dir, "AAPL", "2012-06-21.parquet"));
    assert.equal(out.levels, 3);
    const df = pl.readParquet(out.file);
    assert.equal(df.height, 301);
    const m = await readLobsterMessages(join(FIXTURE_DIR, `${AAPL}_message_10.csv`));
    const ob = await readLobsterOrderbook(join(FIXTURE_DIR, `${AAPL}_orderbook_10.csv`));
    const bids = df.getColumn("bid_price_3").toArray(), asks = df.getColumn("ask_qty_2").toArray();
    const trades = df.getColumn("trade_count").toArray().map(Number);
    let k = -1;
    for (let j = 0; j < df.height; j++) {
      const t = 34_200e9 + j * 100e6;
      const start = k;
      while (k + 1 < m.count && m.timeNs[k + 1] <= t) k++;
      assert.equal(bids[j], k < 0 ? null : ob.bidPrice[k * 10 + 2] / 10_000, `bid_price_3 at ${j}`);
      assert.equal(asks[j], k < 0 ? null : ob.askSize[k * 10 + 1], `ask_qty_2 at ${j}`);
      let n = 0;
      for (let i = start + 1; i <= k; i++) if (m.type[i] === 4 || m.type[i] === 5) n++;
      assert.equal(trades[j], n, `trade_count at ${j}`);
    }
  });
});

Deno.test("ingest: CSV book + trades of two symbols over two days → one file per symbol-day", async () => {
  await withTempDir(async (dir) => {
    const book = await writeLines(dir, "book.csv", [
      BOOK_HEADER,
      "2024-01-03T09:30:00.05,B,20,20.02,1,1", // days and symbols interleaved: fine
      "2024-01-02T09:30:00.05,A,10,10.01,3,3",
      "2024-01-02T09:30:00.05,B,20,20.01,4,4",
      "2024-01-02T09:30:00.15,A,10,10.02,2,2",
    ]);
    const trades = await writeLines(dir, "trades.csv", [
      "ts,symbol,price,qty",
      "2024-01-02T09:30:00.12,A,10.01,7",
      "2024-01-02T09:30:00.13,A,10.01,8",
      "2024-01-05T09:30:00.13,C,1,1", // no book for C: kept, reported as unused
    ]);
    const cfg = section({
      sources: [{ kind: "csv", path: book }, { kind: "csv", path: trades }],
      interim_dir: join(dir, "interim"),
      session_end: "09:30:01",
      max_gap_s: null,
    });
    const { summary, report } = await runIngest(cfg);
    assert.deepEqual(
      summary.outputs.map((o) => `${o.symbol} ${o.date} ${o.book_rows} ${o.trade_rows}`),
      ["A 2024-01-02 2 2", "B 2024-01-02 1 0", "B 2024-01-03 1 0"],
    );
    assert.deepEqual(await listFiles(join(dir, "interim")), [
      "A/2024-01-02.parquet",
      "B/2024-01-02.parquet",
      "B/2024-01-03.parquet",
    ]);
    assert.equal(report.rows_dropped, 0);
    assert.deepEqual(report.unused, [{
      symbol: "C",
      date: "2024-01-05",
      file: trades,
      rows: 1,
      reason: "trades without any book rows for this symbol and day",
    }]);
    const a = pl.readParquet(join(dir, "interim", "A", "2024-01-02.parquet"));
    assert.deepEqual(a.getColumn("best_ask").toArray().slice(0, 3), [null, 10.01, 10.02]);
    assert.deepEqual(a.getColumn("trade_count").toArray().slice(0, 3).map(Number), [0, 0, 2]);
    assert.deepEqual(a.getColumn("trade_volume").toArray().slice(0, 3), [0, 0, 15]);
    const b = pl.readParquet(join(dir, "interim", "B", "2024-01-02.parquet"));
    assert.equal(b.getColumn("trade_count").nullCount(), b.height); // no trades source for B
  });
});

Deno.test("ingest: the same input gives byte-identical files and summaries", async () => {
  await withTempDir(async (dir) => {
    const run = async (name: string) => {
      const cfg = section({
        sources: [{ kind: "lobster", path: FIXTURE_DIR }],
        interim_dir: join(dir, name),
        session_end: "09:31:00",
      });
      const { summary } = await runIngest(cfg);
      const bytes = await Deno.readFile(summary.outputs[0].file);
      return { summary, bytes };
    };
    const a = await run("a"), b = await run("b");
    assert.deepEqual(a.bytes, b.bytes);
    assert.equal(a.summary.outputs[0].sha256, b.summary.outputs[0].sha256);
    const strip = (s: typeof a.summary) => JSON.stringify({ ...s, interim_dir: "", outputs: [] });
    assert.equal(strip(a.summary), strip(b.summary));
  });
});

Deno.test("ingest: output is atomic — no temp files, a failed write leaves the target untouched", async () => {
  await withTempDir(async (dir) => {
    const frame = pl.DataFrame({ a: [1, 2, 3] });
    await writeInterimFile(frame, dir, { symbol: "X", date: "2024-01-02" });
    await writeInterimFile(frame.head(1), dir, { symbol: "X", date: "2024-01-02" }); // replaced
    assert.deepEqual(await listFiles(dir), ["X/2024-01-02.parquet"]);
    assert.equal(pl.readParquet(join(dir, "X", "2024-01-02.parquet")).height, 1);
    // The target is a folder: the rename fails; the folder and its content stay, no temp file left.
    await Deno.mkdir(join(dir, "Y", "2024-01-02.parquet"), { recursive: true });
    await Deno.writeTextFile(join(dir, "Y", "2024-01-02.parquet", "keep"), "x");
    await assert.rejects(writeInterimFile(frame, dir, { symbol: "Y", date: "2024-01-02" }));
    assert.deepEqual(await listFiles(dir), ["X/2024-01-02.parquet", "Y/2024-01-02.parquet/keep"]);
  });
});

Deno.test("ingest: strict mode fails on the first problem before writing anything", async () => {
  await withTempDir(async (dir) => {
    const good = await writeLines(dir, "good.csv", [BOOK_HEADER, "2024-01-02T09:30:00,A,1,2,3,4"]);
    const bad = await writeLines(dir, "bad.csv", [
      BOOK_HEADER,
      "2024-01-02T09:30:00,B,1,2,3,4",
      "2024-01-02T09:30:01,B,2,2,3,4",
    ]);
    const cfg = section({
      sources: [{ kind: "csv", path: good }, { kind: "csv", path: bad }],
      interim_dir: join(dir, "interim"),
      strict: true,
      max_gap_s: null,
    });
    await assert.rejects(runIngest(cfg), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.location?.file, bad);
      assert.equal(e.location?.line, 3);
      return true;
    });
    assert.deepEqual(await listFiles(dir), ["bad.csv", "good.csv"]); // no interim folder at all
    // Default mode: the bad row is dropped and both symbols are written.
    const { summary, report } = await runIngest({ ...cfg, strict: false });
    assert.equal(summary.outputs.length, 2);
    assert.equal(report.dropped.crossed.count, 1);
  });
});

Deno.test("ingest: a missing source path fails naming it", async () => {
  await assert.rejects(
    runIngest(section({ sources: [{ kind: "csv", path: "no/such.csv" }] })),
    {
      message: "no/such.csv: expected a csv file or a folder of them, found no such file or folder",
    },
  );
});

const present = sharedDataPresent();
Deno.test({
  name: `ingest: the real AMZN and GOOG days${
    present ? "" : ` (skipped: ${SHARED_DIR} not found)`
  }`,
  ignore: !present,
  async fn() {
    await withTempDir(async (dir) => {
      const cfg = section({
        sources: [{ kind: "lobster", path: join(SHARED_DIR) }],
        interim_dir: dir,
      });
      const { summary, report } = await runIngest(cfg);
      const amzn = summary.outputs.find((o) => o.symbol === "AMZN")!;
      assert.equal(amzn.book_rows, 57_515); // nothing dropped: a checked replay of clean data
      // Every execution: 8,974 visible + 2,445 hidden, 41 of them printed as identical lines.
      assert.equal(amzn.trade_rows, 11_419);
      const df = pl.readParquet(amzn.file);
      assert.equal(df.height, 234_001);
      const sums = df.select(
        pl.col("trade_count").sum().alias("t"),
        pl.col("cancel_count").sum().alias("c"),
      );
      assert.equal(Number(sums.getColumn("t").get(0)), 11_419);
      assert.equal(Number(sums.getColumn("c").get(0)), 16 + 18_235);
      // GOOG has no orderbook file: the unchecked replay crosses; those rows are dropped, counted.
      const goog = report.files.find((f) => f.file.includes("GOOG"))!;
      assert.equal(goog.notes.replay_checked, false);
      assert.ok(goog.dropped.crossed > 0);
      assert.ok(countsAddUp(report));
    });
  },
});
