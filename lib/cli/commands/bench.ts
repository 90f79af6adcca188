/**
 * `deno task bench <name>` (book, sim, env, features): benchmarks that print their figures and write
 * `outputs/bench/<name>.json` (atomically). Not tests: nothing here asserts a time.
 * @module
 */

import os from "node:os";
import { writeJsonAtomic } from "../../core/atomic_write.ts";
import { formatBytes, formatRate, formatTable } from "../../core/format.ts";
import { gitCommit } from "../../core/git.ts";
import { loadConfig } from "../../config/load.ts";
import { BenchConfigSchema } from "../../config/schemas/bench.ts";
import { runBookBench } from "../../bench/book_bench.ts";
import { runAbidesBench } from "../../bench/abides_bench.ts";
import { runAsModelBench } from "../../bench/as_model_bench.ts";
import { runZiBench } from "../../bench/zi_bench.ts";
import type {
  FeaturesBenchResult,
  FileFigures,
  InMemoryFigures,
  StageFigure,
} from "../../bench/features_bench.ts";
import { runEnvBench } from "../../bench/env_bench.ts";
import { AbidesSectionSchema } from "../../config/schemas/abides.ts";
import type { Command, CommandContext } from "../command.ts";
import { configFlags } from "./_config_run.ts";

function machine() {
  return {
    os: Deno.build.os,
    arch: Deno.build.arch,
    cpus: navigator.hardwareConcurrency,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
  };
}

const benchConfigFlags = configFlags("configs/bench.yaml").filter((f) => f.name !== "out");

const bookCommand: Command = {
  name: "book",
  summary: "Matching engine on 10M generated messages, and LOBSTER replay of the AMZN day",
  flags: [
    ...benchConfigFlags,
    { name: "messages", type: "integer", description: "Generated messages (sets book.messages)" },
  ],
  async run(ctx: CommandContext) {
    const loaded = await loadConfig(BenchConfigSchema, {
      file: ctx.flags.config as string,
      extra: { "book.messages": ctx.flags.messages },
      overrides: ctx.flags.set as string[],
    });
    const c = loaded.config.book;
    let lobster = c.lobster_message_file;
    if (lobster !== null) {
      try {
        await Deno.stat(lobster);
      } catch {
        ctx.log(`note: ${lobster} not found; skipping the replay part`);
        lobster = null;
      }
    }
    const result = await runBookBench({
      messages: c.messages,
      seed: c.seed,
      lobsterMessageFile: lobster,
      log: ctx.log,
    });
    const g = result.generated;
    ctx.print(`generated stream: ${g.messages.toLocaleString("en-US")} messages, seed ${g.seed}`);
    ctx.print(
      `  throughput   ${formatRate(g.messagesPerSecond)} messages (${
        g.nsPerMessage.toFixed(0)
      } ns/message), target ${formatRate(result.target.messagesPerSecond)}`,
    );
    ctx.print(
      formatTable(
        Object.entries(g.latencyByType).map(([type, s]) => ({
          type,
          count: s.count,
          "median ns": s.medianNs,
          "p99 ns": s.p99Ns,
          "mean ns": s.meanNs,
        })),
      ),
    );
    if (result.replay !== null) {
      const r = result.replay;
      ctx.print(
        `LOBSTER replay: ${r.messages.toLocaleString("en-US")} messages in ${
          (r.replaySeconds * 1000).toFixed(1)
        } ms = ${formatRate(r.messagesPerSecond)} (parse ${(r.parseSeconds * 1000).toFixed(1)} ms)`,
      );
    }
    ctx.print(
      `peak memory: rss ${formatBytes(result.peakRssBytes)}, heap+buffers ${
        formatBytes(result.peakHeapBytes)
      }`,
    );
    const doc = {
      benchmark: "book",
      config: loaded.config,
      configHash: loaded.hash,
      machine: machine(),
      gitCommit: gitCommit(),
      result,
    };
    await writeJsonAtomic("outputs/bench/book.json", doc);
    ctx.print("wrote outputs/bench/book.json");
    return doc;
  },
};

const simCommand: Command = {
  name: "sim",
  summary: "Simulators: agent-based day, zero-intelligence flow, Avellaneda-Stoikov model market",
  flags: [{ name: "seed", type: "integer", description: "Seed of every simulator", default: 1 }],
  run(ctx: CommandContext) {
    const seed = ctx.flags.seed as number;
    ctx.log("agent-based market: one trading day of the default population…");
    const abides = runAbidesBench({ seed, population: AbidesSectionSchema.parse({}) });
    ctx.print(
      `agent-based day: ${abides.agents} agents, ${
        abides.messages.toLocaleString("en-US")
      } messages in ${abides.seconds.toFixed(2)} s = ${
        formatRate(abides.messagesPerSecond)
      } messages (target ${formatRate(abides.target.messagesPerSecond)}); ${
        abides.trades.toLocaleString("en-US")
      } trades`,
    );
    ctx.log("zero-intelligence flow: 64 books side by side…");
    const zi = runZiBench({ books: 64, eventsPerBook: 200_000, seed });
    ctx.print(
      `zero-intelligence flow: ${zi.books} books × ${
        zi.eventsPerBook.toLocaleString("en-US")
      } events = ${formatRate(zi.eventsPerSecond)} events (target 5.00M/s)`,
    );
    ctx.log("Avellaneda-Stoikov model market: 10,000 trajectories…");
    const as = runAsModelBench({ trajectories: 10_000, seed });
    ctx.print(
      `Avellaneda-Stoikov market: ${
        as.trajectories.toLocaleString("en-US")
      } trajectories × ${as.steps} steps = ${
        formatRate(as.trajectoryStepsPerSecond)
      } trajectory-steps (target ${formatRate(as.target.trajectoryStepsPerSecond)})`,
    );
    const doc = {
      benchmark: "sim",
      machine: machine(),
      gitCommit: gitCommit(),
      result: { abides, zi, asModel: as },
    };
    return writeJsonAtomic("outputs/bench/sim.json", doc).then(() => {
      ctx.print("wrote outputs/bench/sim.json");
      return doc;
    });
  },
};

const envCommand: Command = {
  name: "env",
  summary:
    "Environment agent-steps per second with baseline policies, per market, K = 1 and K = 64",
  flags: [{ name: "seed", type: "integer", description: "Seed of every episode", default: 1 }],
  async run(ctx: CommandContext) {
    const cases = await runEnvBench({ seed: ctx.flags.seed as number, log: ctx.log });
    ctx.print(
      formatTable(cases.map((c) => ({
        market: c.market,
        K: c.K,
        agents: c.agents,
        "agent-steps": c.agentSteps,
        "agent-steps/s": formatRate(c.agentStepsPerSecond),
        target: formatRate(c.target),
      }))),
    );
    const doc = { benchmark: "env", machine: machine(), gitCommit: gitCommit(), result: cases };
    await writeJsonAtomic("outputs/bench/env.json", doc);
    ctx.print("wrote outputs/bench/env.json");
    return doc;
  },
};

/** The 1-, 5- and 15-minute load averages (other work on the machine), where allowed. */
function loadAverage(): number[] | null {
  try {
    return Deno.loadavg();
  } catch {
    return null;
  }
}

/** CPU model and memory of this machine, where allowed. */
function machineDetails(): { cpuModel: string | null; memoryBytes: number | null } {
  let cpuModel: string | null = null, memoryBytes: number | null = null;
  try {
    cpuModel = os.cpus()[0]?.model ?? null;
  } catch {
    // --allow-sys=cpus not granted
  }
  try {
    memoryBytes = Deno.systemMemoryInfo().total;
  } catch {
    // --allow-sys=systemMemoryInfo not granted
  }
  return { cpuModel, memoryBytes };
}

function stageRow(name: string, f: StageFigure): Record<string, string | number> {
  return {
    stage: name,
    rows: f.rows,
    seconds: f.seconds.toFixed(2),
    "cpu s": f.cpuSeconds.toFixed(2),
    "rows/s": formatRate(f.rowsPerSecond),
  };
}

function printInMemory(ctx: CommandContext, m: InMemoryFigures, target: number): void {
  ctx.print(
    formatTable([
      ...Object.entries(m.stages).map(([k, f]) => stageRow(k, f)),
      stageRow("(memory release)", m.memoryRelease),
      stageRow("end to end", m.endToEnd),
    ]),
  );
  ctx.print(
    `  end to end: ${formatRate(m.endToEnd.rowsPerSecond)} source rows (target ${
      formatRate(target)
    }); ${
      m.gridRows.toLocaleString("en-US")
    } grid rows, ${m.symbolDays} symbol-days, F = ${m.features}`,
  );
  const kernel = m.kernelPeakRssBytes === null
    ? ""
    : `, kernel high-water mark ${formatBytes(m.kernelPeakRssBytes)}`;
  ctx.print(
    `  memory: peak rss ${formatBytes(m.peakRssBytes)} (before the run ${
      formatBytes(m.baselineRssBytes)
    }${kernel}); float32 matrix ${formatBytes(m.matrixBytes)}; peak/matrix ${
      m.peakOverMatrix.toFixed(2)
    } (target ≤ 3), growth/matrix ${m.growthOverMatrix.toFixed(2)}`,
  );
}

function printFiles(ctx: CommandContext, f: FileFigures): void {
  ctx.print(
    formatTable([
      ...Object.entries(f.stages).map(([k, x]) => stageRow(k, x)),
      stageRow("end to end", f.endToEnd),
    ]),
  );
  ctx.print(
    `  files end to end: ${formatRate(f.endToEnd.rowsPerSecond)} source rows; wrote interim ${
      formatBytes(f.bytesWritten.interim)
    }, features ${formatBytes(f.bytesWritten.features)}, dataset ${
      formatBytes(f.bytesWritten.dataset)
    }; peak rss ${formatBytes(f.peakRssBytes)}`,
  );
}

const featuresBenchCommand: Command = {
  name: "features",
  summary:
    "Data pipeline: ingest → features → scale → windows on 10M generated rows and a LOBSTER day",
  flags: [
    {
      name: "rows",
      type: "integer",
      description: "Generated snapshot rows",
      default: 10_000_000,
    },
    { name: "seed", type: "integer", description: "Seed of the generated book", default: 1 },
    {
      name: "lobster",
      type: "string",
      description: "LOBSTER message file (skipped with a note when absent)",
      default: "../shared/data/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv",
      valueName: "file",
    },
    {
      name: "skip-files",
      type: "boolean",
      description: "Only the in-memory path (not the ingest, features and dataset jobs)",
    },
  ],
  async run(ctx: CommandContext) {
    // Loaded here: polars needs --allow-ffi, which the other benchmarks need not grant.
    const { runFeaturesBench } = await import("../../bench/features_bench.ts");
    const loadBefore = loadAverage();
    const result: FeaturesBenchResult = await runFeaturesBench({
      rows: ctx.flags.rows as number,
      seed: ctx.flags.seed as number,
      lobsterMessageFile: ctx.flags.lobster as string,
      files: ctx.flags["skip-files"] !== true,
      workDir: "data/.bench",
      log: ctx.log,
    });
    const g = result.generated;
    ctx.print(
      `generated: ${
        g.rows.toLocaleString("en-US")
      } snapshot rows, ${g.symbols} symbols × ${g.days} days, ${g.levels} levels (generated in ${
        g.generateSeconds.toFixed(1)
      } s, not timed)`,
    );
    ctx.print("in memory (typed arrays passed from stage to stage), one stage after the other:");
    printInMemory(ctx, g.inMemory, result.target.rowsPerSecond);
    const o = g.inMemoryParallel;
    ctx.print(
      `in memory, files and fit spread over ${o.workers} workers: end to end ${
        o.endToEnd.seconds.toFixed(2)
      } s = ${formatRate(o.endToEnd.rowsPerSecond)} source rows (${
        formatRate(o.gridRows / o.endToEnd.seconds)
      } grid rows), cpu ${o.endToEnd.cpuSeconds.toFixed(2)} s; peak rss ${
        formatBytes(o.peakRssBytes)
      }, peak/matrix ${o.peakOverMatrix.toFixed(2)}`,
    );
    if (g.files !== null) {
      ctx.print("files (deno task ingest, features, dataset):");
      printFiles(ctx, g.files);
    }
    if (result.lobster !== null) {
      const l = result.lobster;
      ctx.print(
        `LOBSTER ${l.file}: ${l.inMemory.rowsIn.toLocaleString("en-US")} messages → ${
          l.inMemory.gridRows.toLocaleString("en-US")
        } grid rows`,
      );
      printInMemory(ctx, l.inMemory, result.target.rowsPerSecond);
      if (l.files !== null) printFiles(ctx, l.files);
    }
    for (const note of result.notes) ctx.print(`note: ${note}`);
    const doc = {
      benchmark: "features",
      machine: {
        ...machine(),
        ...machineDetails(),
        loadAverage: { before: loadBefore, after: loadAverage() },
      },
      gitCommit: gitCommit(),
      result,
    };
    await writeJsonAtomic("outputs/bench/features.json", doc);
    ctx.print("wrote outputs/bench/features.json");
    return doc;
  },
};

const trainBenchCommand: Command = {
  name: "train",
  summary:
    "Training speed: ms per iteration/update and agent-steps/s per algorithm and backend; quick preset wall time",
  flags: [
    { name: "iterations", type: "integer", description: "Timed iterations per case", default: 5 },
    { name: "skip-quick", type: "boolean", description: "Do not time the quick preset" },
    {
      name: "backends",
      type: "string",
      description: "Comma-separated backends to measure",
      default: "cpu,wasm",
    },
  ],
  async run(ctx: CommandContext) {
    const { runTrainBench } = await import("../../bench/train_bench.ts");
    const backends = String(ctx.flags.backends).split(",").map((b) => b.trim()) as (
      | "cpu"
      | "wasm"
    )[];
    const result = await runTrainBench({
      backends,
      iterations: ctx.flags.iterations as number,
      quick: ctx.flags["skip-quick"] !== true,
      log: ctx.log,
    });
    ctx.print(
      formatTable(result.cases.map((c) => ({
        algorithm: c.algorithm,
        backend: c.backend,
        K: c.K,
        hidden: c.hidden.join("×"),
        "ms/iteration": c.msPerIteration.toFixed(1),
        "collect ms": c.msCollectPerIteration.toFixed(1),
        "update ms": c.msUpdatePerIteration.toFixed(1),
        "ms/update": Number.isFinite(c.msPerUpdate) ? c.msPerUpdate.toFixed(1) : "-",
        "agent-steps/s": formatRate(c.agentStepsPerSecond),
        target: c.target === null ? "" : formatRate(c.target),
      }))),
    );
    for (const q of result.quick) {
      ctx.print(
        `quick preset ${q.algorithm} (${q.backend}): ${q.seconds.toFixed(1)} s (target ≤ 300 s)`,
      );
    }
    const doc = { benchmark: "train", machine: machine(), gitCommit: gitCommit(), result };
    await writeJsonAtomic("outputs/bench/train.json", doc);
    ctx.print("wrote outputs/bench/train.json");
    return doc;
  },
};

/** The `bench` command group. */
export const benchCommand: Command = {
  name: "bench",
  summary: "Benchmarks (figures printed and written to outputs/bench/)",
  flags: [],
  subcommands: [bookCommand, simCommand, envCommand, featuresBenchCommand, trainBenchCommand],
  run() {
    return Promise.resolve(undefined);
  },
};
