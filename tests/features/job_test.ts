import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { InputError } from "../../lib/core/errors.ts";
import { FeaturesConfigSchema } from "../../lib/config/schemas/features.ts";
import { loadFeatureInputs, runFeaturesJob } from "../../lib/features/job.ts";
import { DEFAULT_FEATURES, syntheticInterim } from "../../lib/features/mod.ts";

function section(input: string, output: string, extra: Record<string, unknown> = {}) {
  return FeaturesConfigSchema.parse({ features: { input, output, ...extra } }).features;
}

async function writeInterim(dir: string, symbol: string, date: string, frame: pl.DataFrame) {
  await Deno.mkdir(join(dir, symbol), { recursive: true });
  frame.writeParquet(join(dir, symbol, `${date}.parquet`));
}

Deno.test("features job: one file per symbol-day, same columns everywhere, features.json says why", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const input = join(dir, "interim"), output = join(dir, "features");
    await writeInterim(
      input,
      "A",
      "2024-01-02",
      syntheticInterim({ symbols: ["A"], rowsPerDay: 300 }),
    );
    await writeInterim(
      input,
      "B",
      "2024-01-02",
      syntheticInterim({ symbols: ["B"], rowsPerDay: 200, events: false, levels: 2 }),
    );
    const c = section(input, output);
    const inputs = await loadFeatureInputs(c);
    assert.deepEqual(inputs.files.map((f) => f.symbol), ["A", "B"]);
    const logged: string[] = [];
    const summary = await runFeaturesJob(c, inputs, { log: (l) => logged.push(l) });
    const kept = DEFAULT_FEATURES.filter((n) =>
      n !== "trade_intensity" && n !== "cancel_intensity"
    );
    assert.deepEqual(summary.columns, ["ts", "symbol", "date", "mid", ...kept]);
    assert.deepEqual(summary.unavailable.map((u) => u.name), [
      "trade_intensity",
      "cancel_intensity",
    ]);
    assert.match(summary.unavailable[0].reason, /absent in B 2024-01-02/);
    assert.equal(summary.ofiSource.summary, "mixed");
    assert.equal(summary.params.depthLevels, 2);
    assert.equal(summary.rows, 500);
    assert(logged.some((l) => l.startsWith("trade_intensity: unavailable, left out")));
    const ofi = summary.features.find((f) => f.name === "ofi");
    assert.equal(ofi?.source, "mixed: see ofiSource.days");
    for (const f of summary.files) {
      const df = pl.readParquet(f.path);
      assert.deepEqual(df.columns, summary.columns);
      assert.equal(df.height, f.rows);
    }
    const meta = JSON.parse(await Deno.readTextFile(join(output, "features.json")));
    assert.deepEqual(meta.columns, summary.columns);
    assert.equal(meta.features.length, 26);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("features job: bad inputs are input errors naming the file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const input = join(dir, "interim");
    await assert.rejects(
      loadFeatureInputs(section(input, dir)),
      (e: unknown) =>
        e instanceof InputError && e.message.startsWith(`${input}: expected the interim store`),
    );
    await Deno.mkdir(input);
    await assert.rejects(
      loadFeatureInputs(section(input, dir)),
      (e: unknown) => e instanceof InputError && /found none/.test(e.message),
    );
    const frame = syntheticInterim({ symbols: ["A"], rowsPerDay: 10 });
    await writeInterim(input, "A", "2024-01-02", frame.drop("best_ask"));
    await assert.rejects(
      loadFeatureInputs(section(input, dir)),
      (e: unknown) =>
        e instanceof InputError &&
        e.message.startsWith(join(input, "A", "2024-01-02.parquet")) &&
        /column "best_ask"/.test(e.message),
    );
    await writeInterim(input, "A", "2024-01-02", frame);
    await writeInterim(input, "B", "2024-01-02", frame); // A's rows under B
    await assert.rejects(
      loadFeatureInputs(section(input, dir)),
      (e: unknown) =>
        e instanceof InputError &&
        /B[/\\]2024-01-02\.parquet: expected rows of B on 2024-01-02 only, found rows of A/.test(
          e.message,
        ),
    );
    await assert.rejects(
      loadFeatureInputs(section(input, dir, { symbols: ["C"] })),
      (e: unknown) =>
        e instanceof InputError &&
        /features\.symbols: expected a folder of interim files for C/.test(e.message),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
