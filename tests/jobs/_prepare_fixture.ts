/**
 * A small market-data fixture for the prepare tests: three trading days of
 * the zero-intelligence market (one symbol, ten-minute sessions, five
 * levels) simulated into `<dir>/sim`, and the data and features configs that
 * chain ingest → features → dataset inside `dir`.
 * @module
 */

import { join } from "node:path";
import { createRunDir } from "../../lib/core/run_dir.ts";
import { DataConfigSchema } from "../../lib/config/schemas/data.ts";
import { marketSimulators } from "../../lib/jobs/market_simulators.ts";
import { runSimulateJob } from "../../lib/jobs/simulate_job.ts";

/** The three session dates (2024-01-02 is a Tuesday). */
export const DATES = ["2024-01-02", "2024-01-03", "2024-01-04"];

/** Simulates the sessions into `<dir>/sim`. */
export async function simulateFixture(dir: string): Promise<void> {
  const cfg = DataConfigSchema.parse({
    simulate: {
      model: "zi",
      days: 3,
      start_date: DATES[0],
      symbols: ["ZI"],
      session_start: "09:30:00",
      session_end: "09:40:00",
      levels: 5,
      seed: 3,
      out: join(dir, "sim"),
      write_parquet: false,
    },
    zi: { levels: 5 },
  });
  const run = await createRunDir({
    command: "simulate",
    out: cfg.simulate.out,
    config: cfg.simulate,
    configHash: "0".repeat(64),
    configYaml: "",
    seed: cfg.simulate.seed,
    argv: [],
  });
  await run.finish(
    await runSimulateJob(cfg.simulate, run, { simulators: marketSimulators(cfg) }),
  );
}

/** The YAML of the data config (ingest + dataset sections; `dataset: false` leaves it out). */
export function dataYaml(dir: string, options: { dataset?: boolean } = {}): string {
  const lines = [
    "ingest:",
    "  sources:",
    `    - { kind: sim, path: ${join(dir, "sim")} }`,
    `  interim_dir: ${join(dir, "interim")}`,
    '  session_end: "09:40:00"',
    "  levels: 5",
  ];
  if (options.dataset !== false) {
    lines.push(
      "dataset:",
      `  features_dir: ${join(dir, "features")}`,
      `  out: ${join(dir, "datasets")}`,
      "  min_samples: 100",
      "  splits:",
      `    dev: { start: "${DATES[0]}", end: "${DATES[0]}" }`,
      `    val: { start: "${DATES[1]}", end: "${DATES[1]}" }`,
      `    test: { start: "${DATES[2]}", end: "${DATES[2]}" }`,
    );
  }
  return lines.join("\n") + "\n";
}

/** The YAML of the features config (a short list, so the tests run fast). */
export function featuresYaml(dir: string, fast = 10): string {
  return [
    "features:",
    `  input: ${join(dir, "interim")}`,
    `  output: ${join(dir, "features")}`,
    "  list: [spread, imbalance, log_return_1, realized_vol_10, ofi_rolling, rsi]",
    "  windows:",
    `    fast: ${fast}`,
    "  session:",
    '    close: "09:40:00"',
  ].join("\n") + "\n";
}
