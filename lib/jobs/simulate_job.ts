/**
 * The simulation job behind `deno task simulate`: for each trading day and
 * each symbol, run the configured simulator and write the session under
 * `<run folder>/<symbol>/<date>/`:
 *
 * - LOBSTER files `SYMBOL_DATE_START_END_{message,orderbook}_LEVELS.csv`
 *   (`write_lobster`; every event, see `lib/sim/output/lobster_writer.ts`);
 * - `snapshots.parquet` (the book every `decision_ms`) and `trades.parquet`
 *   (`write_parquet`).
 *
 * Seeds: one master seed; each session's seed is drawn from the stream
 * `Rng.fromSeed(seed).derive("simulate/<symbol>/<date>")`, so adding a symbol
 * or a day does not change any other session. The same config gives
 * byte-identical files and the same summary (which holds counts, never
 * timings; those go to the run manifest).
 * @module
 */

import { Rng } from "../core/rng.ts";
import type { Progress } from "../core/progress.ts";
import type { RunDir } from "../core/run_dir.ts";
import { parseClockNs, type SimulateSection } from "../config/schemas/data.ts";
import { EventKind } from "../sim/market_data/mod.ts";
import { lobsterFileNames, writeLobsterFiles } from "../sim/output/lobster_writer.ts";
import { writeSessionParquet } from "../sim/output/parquet_writer.ts";
import { replaySessionBook } from "../sim/output/session_book.ts";
import type { SimulatedSession } from "../sim/session.ts";
import { getSimulator, type SessionSimulator, type SimulatorArgs } from "./simulators.ts";
import { tradingDays } from "./trading_days.ts";

/** Options of {@linkcode runSimulateJob}. */
export interface SimulateJobOptions {
  /** The simulators by model name (see `marketSimulators`). */
  simulators: ReadonlyMap<string, SessionSimulator>;
  /** Makes a progress bar (e.g. the command context's `progress`); none by default. */
  progress?: (total: number, label: string) => Progress;
}

/** What one session produced (all counts; deterministic). */
export interface SessionSummary {
  symbol: string;
  date: string;
  dayIndex: number;
  /** The session's seed (derived from the master seed). */
  seed: number;
  /** Book events recorded (rows of the LOBSTER message file). */
  events: number;
  /** Executions of resting orders (types 4 and 5) and their total size. */
  trades: number;
  tradedVolume: number;
  /** Messages the simulator processed. */
  messagesProcessed: number;
  /** Events naming an order never added (0 for a well-formed session). */
  unknownOrderRefs: number;
  /** Rows of snapshots.parquet (0 when not written). */
  snapshotRows: number;
  /** Files written, relative to the run folder, "/"-separated. */
  files: string[];
}

/** The job's summary (`summary.json`). */
export interface SimulateSummary {
  model: string;
  seed: number;
  dates: string[];
  symbols: string[];
  sessions: SessionSummary[];
  totals: { sessions: number; events: number; trades: number; messagesProcessed: number };
}

/** The seed of one session: derived from the master seed by symbol and date. */
export function sessionSeed(masterSeed: number, symbol: string, date: string): number {
  return Rng.fromSeed(masterSeed).derive(`simulate/${symbol}/${date}`).nextU32();
}

/** Throws when the session is not what was asked for or its times go backwards. */
function checkSession(s: SimulatedSession, a: SimulatorArgs): void {
  const want = [a.symbol, a.date, a.tickSize, a.sessionStartNs, a.sessionEndNs];
  const got = [s.symbol, s.date, s.tickSize, s.sessionStartNs, s.sessionEndNs];
  if (want.some((w, i) => w !== got[i])) {
    throw new Error(
      `simulator returned session ${JSON.stringify(got)} for ${JSON.stringify(want)}`,
    );
  }
  const ts = s.events.tsNs;
  for (let i = 1; i < s.events.count; i++) {
    if (ts[i] < ts[i - 1]) {
      throw new Error(
        `${a.symbol} ${a.date}: event ${i} at ${ts[i]} ns is earlier than event ${i - 1} at ${
          ts[i - 1]
        } ns`,
      );
    }
  }
}

function countTrades(s: SimulatedSession): { trades: number; volume: number } {
  const ev = s.events;
  let trades = 0, volume = 0;
  for (let i = 0; i < ev.count; i++) {
    if (ev.kind[i] === EventKind.Trade || ev.kind[i] === EventKind.HiddenTrade) {
      trades++;
      volume += ev.qty[i];
    }
  }
  return { trades, volume };
}

/** Simulates and writes one session; answers its summary. */
async function simulateOne(
  cfg: SimulateSection,
  run: RunDir,
  simulate: SessionSimulator,
  args: SimulatorArgs,
): Promise<SessionSummary> {
  const session = await run.time("simulate", () => simulate(args));
  checkSession(session, args);
  const rel = `${args.symbol}/${args.date}`;
  const dir = run.child(rel);
  const files: string[] = [];
  const book = await run.time("replay", () => replaySessionBook(session, cfg.levels));
  let snapshotRows = 0;
  await run.time("write", async () => {
    if (cfg.write_lobster) {
      await writeLobsterFiles(session, dir, cfg.levels, { snapshots: book.snapshots });
      const names = lobsterFileNames(session, cfg.levels);
      files.push(`${rel}/${names.message}`, `${rel}/${names.orderbook}`);
    }
    if (cfg.write_parquet) {
      const pq = await writeSessionParquet(session, dir, {
        levels: cfg.levels,
        decisionMs: cfg.decision_ms,
        snapshots: book.snapshots,
      });
      snapshotRows = pq.snapshotRows;
      files.push(`${rel}/snapshots.parquet`, `${rel}/trades.parquet`);
    }
  });
  const { trades, volume } = countTrades(session);
  return {
    symbol: args.symbol,
    date: args.date,
    dayIndex: args.dayIndex,
    seed: args.seed,
    events: session.events.count,
    trades,
    tradedVolume: volume,
    messagesProcessed: session.messagesProcessed,
    unknownOrderRefs: book.report.unknownOrderRefs,
    snapshotRows,
    files,
  };
}

/**
 * Runs the simulations `cfg` describes, writing every session into `run`'s
 * folder, and returns the summary (the caller passes it to `run.finish`).
 */
export async function runSimulateJob(
  cfg: SimulateSection,
  run: RunDir,
  options: SimulateJobOptions,
): Promise<SimulateSummary> {
  const simulate = getSimulator(cfg.model, options.simulators);
  const dates = tradingDays(cfg.start_date, cfg.days);
  const sessionStartNs = parseClockNs(cfg.session_start);
  const sessionEndNs = parseClockNs(cfg.session_end);
  const total = dates.length * cfg.symbols.length;
  const bar = options.progress?.(total, `simulate ${cfg.model}`);
  const sessions: SessionSummary[] = [];
  for (let d = 0; d < dates.length; d++) {
    for (const symbol of cfg.symbols) {
      const done = sessions.length;
      const summary = await simulateOne(cfg, run, simulate, {
        symbol,
        date: dates[d],
        dayIndex: d,
        seed: sessionSeed(cfg.seed, symbol, dates[d]),
        sessionStartNs,
        sessionEndNs,
        tickSize: cfg.tick_size,
        onProgress: (f) => bar?.update(done + Math.min(1, Math.max(0, f))),
      });
      sessions.push(summary);
      bar?.update(sessions.length);
    }
  }
  bar?.done();
  const sum = (f: (s: SessionSummary) => number) => sessions.reduce((a, s) => a + f(s), 0);
  return {
    model: cfg.model,
    seed: cfg.seed,
    dates,
    symbols: [...cfg.symbols],
    sessions,
    totals: {
      sessions: sessions.length,
      events: sum((s) => s.events),
      trades: sum((s) => s.trades),
      messagesProcessed: sum((s) => s.messagesProcessed),
    },
  };
}
