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

/** The `bench` command group. */
export const benchCommand: Command = {
  name: "bench",
  summary: "Benchmarks (figures printed and written to outputs/bench/)",
  flags: [],
  subcommands: [bookCommand],
  run() {
    return Promise.resolve(undefined);
  },
};
