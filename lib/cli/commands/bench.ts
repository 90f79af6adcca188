/**
 * `deno task bench <name>`: benchmarks that print their figures and write
 * `outputs/bench/<name>.json` (atomically). Not tests: nothing here asserts a time.
 * @module
 */

import { writeJsonAtomic } from "../../core/atomic_write.ts";
import { formatBytes, formatRate, formatTable } from "../../core/format.ts";
import { gitCommit } from "../../core/git.ts";
import { loadConfig } from "../../config/load.ts";
import { BenchConfigSchema } from "../../config/schemas/bench.ts";
import { runBookBench } from "../../bench/book_bench.ts";
import { runAbidesBench } from "../../bench/abides_bench.ts";
import { runAsModelBench } from "../../bench/as_model_bench.ts";
import { runZiBench } from "../../bench/zi_bench.ts";
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

/** The `bench` command group. */
export const benchCommand: Command = {
  name: "bench",
  summary: "Benchmarks (figures printed and written to outputs/bench/)",
  flags: [],
  subcommands: [bookCommand, simCommand, envCommand],
  run() {
    return Promise.resolve(undefined);
  },
};
