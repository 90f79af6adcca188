/**
 * The environment refuses a scaler (or dataset) whose feature layout is not
 * its own, naming both layouts; with a matching scaler it scales the features.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { InputError } from "../../lib/core/errors.ts";
import { fitScaler } from "../../lib/dataset/scaler.ts";
import { saveScaler } from "../../lib/dataset/scaler_file.ts";
import { createEnv } from "../../lib/env/make_env.ts";

const FIXTURE = "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv";

async function scalerFile(dir: string, features: string[], symbol: string): Promise<string> {
  const n = 8;
  const cols: Record<string, unknown[]> = {
    ts: Array.from({ length: n }, (_, i) => i),
    symbol: Array(n).fill(symbol),
    date: Array(n).fill("2012-06-21"),
    mid: Array(n).fill(1),
  };
  for (const f of features) cols[f] = Array.from({ length: n }, (_, i) => i + 1);
  const scaler = await fitScaler(pl.DataFrame(cols), { features });
  const path = join(dir, "scaler.json");
  await saveScaler(path, scaler);
  return path;
}

Deno.test("env: a scaler fitted on other features fails naming both layouts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await scalerFile(dir, ["spread", "imbalance"], "AAPL");
    const cfg = EnvironmentSectionSchema.parse({
      market: "replay",
      replay: { message_file: FIXTURE },
      features: ["spread", "rsi"],
      scaler: path,
    });
    await assert.rejects(() => createEnv(cfg), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(
        e.message,
        `${path}: layout: expected T = 20, F = 2 features [spread, rsi], found T = 20, F = 2 features [spread, imbalance] (missing: rsi; extra: imbalance)`,
      );
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("env: a matching dev scaler scales the observed features", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const features = ["spread", "imbalance"];
    const path = await scalerFile(dir, features, "AAPL");
    const base = {
      market: "replay",
      replay: { message_file: FIXTURE },
      features,
      episode_start: "09:30:05",
      episode_seconds: 2,
    };
    const scaled = await createEnv(EnvironmentSectionSchema.parse({ ...base, scaler: path }));
    const raw = await createEnv(EnvironmentSectionSchema.parse(base));
    const a = scaled.reset({ seed: 1 }).observations.mm_0;
    const b = raw.reset({ seed: 1 }).observations.mm_0;
    // Robust scaling of 1…8: median 4.5, IQR 3.5; the last row's spread (dollars) scaled by hand.
    const last = (features.length) * 19;
    assert.ok(
      Math.abs(a[last] - (b[last] - 4.5) / 3.5) < 1e-5,
      `${a[last]} vs ${(b[last] - 4.5) / 3.5}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
