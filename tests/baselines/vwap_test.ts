/** VWAP schedules and intraday volume curves (estimated on the dev split, or the U-shaped default). */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  estimateVolumeCurve,
  loadVolumeCurve,
  uShapedVolumeCurve,
  VolumeCurve,
} from "../../lib/baselines/volume_curve.ts";
import { Vwap } from "../../lib/baselines/vwap.ts";
import { Twap } from "../../lib/baselines/twap.ts";
import { TakerActionMap } from "../../lib/env/action_mapping.ts";
import { drive, STEP_NS, viewAt } from "./_views.ts";

const map = new TakerActionMap({ maxOrderSize: 1000 });
const OPEN = 34_200e9, CLOSE = 57_600e9;

Deno.test("volume curve: the U-shaped default is heavier at the ends and sums to 1", () => {
  const u = uShapedVolumeCurve();
  assert.equal(u.weights.length, 13);
  assert.ok(Math.abs(u.weights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(u.weights[0] > 2.4 * u.weights[6] && u.weights[12] > 2.4 * u.weights[6]);
  assert.equal(u.cumulative(OPEN), 0);
  assert.equal(u.cumulative(CLOSE), 1);
  assert.ok(Math.abs(u.cumulative((OPEN + CLOSE) / 2) - 0.5) < 1e-12, "symmetric");
});

Deno.test("vwap: slices follow the curve and sum to the parent size", () => {
  // Ten one-minute steps from the open under the U-shaped curve (all inside its first bucket:
  // a constant rate there, so equal slices), then a curve with a step change inside the window.
  const steps = 10;
  const over = (i: number) => ({
    nowNs: OPEN + i * 60e9,
    episodeStartNs: OPEN,
    episodeEndNs: OPEN + steps * 60e9,
    decisionNs: 60e9,
  });
  const flat = drive(new Vwap(map, { size: 100 }), steps, { map, over });
  assert.deepEqual(flat.orders, Array(10).fill(10));
  const curve = new VolumeCurve(OPEN, OPEN + 600e9, [4, 1], "test"); // first 5 minutes trade 4× the rate
  const r = drive(new Vwap(map, { size: 100, curve }), steps, { map, over });
  assert.deepEqual(r.orders, [16, 16, 16, 16, 16, 4, 4, 4, 4, 4]);
  assert.equal(r.inventory, 100);
});

Deno.test("vwap: outside the curve's session (e.g. the model market's clock) it is TWAP", () => {
  const a = drive(new Vwap(map, { size: 37 }), 10, { map });
  const b = drive(new Twap(map, { size: 37 }), 10, { map });
  assert.deepEqual(a.orders, b.orders);
  assert.equal(viewAt(0, 10).decisionNs, STEP_NS);
});

Deno.test("volume curve: estimated from trade_volume by time-of-day bucket on the dev split only", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(root, "SYN"));
    // 4 buckets over the session; dev days put volume 3, 1, 1, 3 (per row) in them; a test day is all in bucket 2.
    const write = (date: string, perBucket: number[]) => {
      const n = 40;
      const epoch = BigInt(Date.parse(`${date}T00:00:00Z`)) * 1_000_000n;
      const ts = new BigInt64Array(n), vol = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const t = OPEN + ((i + 1) / n) * (CLOSE - OPEN); // rows at the ends of equal intervals
        ts[i] = epoch + BigInt(Math.round(t));
        vol[i] = perBucket[Math.floor(i / 10)];
      }
      const df = pl.DataFrame([
        pl.Series("ts", ts as unknown as number[]).cast(pl.Datetime("ns")),
        pl.Series("trade_volume", vol),
      ]);
      df.writeParquet(join(root, "SYN", `${date}.parquet`));
    };
    write("2024-01-02", [3, 1, 1, 3]);
    write("2024-01-03", [3, 1, 1, 3]);
    write("2024-02-01", [0, 0, 100, 0]); // outside the dev split
    const { curve, files } = await loadVolumeCurve({
      root,
      symbol: "SYN",
      dev: { start: "2024-01-01", end: "2024-01-31" },
      buckets: 4,
    });
    assert.equal(files.length, 2);
    assert.deepEqual([...curve.weights], [0.375, 0.125, 0.125, 0.375]);
    assert.match(curve.source, /2 dev day/);
    await assert.rejects(
      loadVolumeCurve({ root, symbol: "SYN", dev: { start: "2023-01-01", end: "2023-12-31" } }),
      /for the dev split 2023-01-01 … 2023-12-31, found none/,
    );
    // The same estimate from samples in memory; rows without volume are skipped.
    const c = estimateVolumeCurve([{ timeNs: [OPEN + 1, CLOSE, CLOSE + 1], volume: [1, 1, 5] }], {
      buckets: 2,
    });
    assert.deepEqual([...c.weights], [0.5, 0.5]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
