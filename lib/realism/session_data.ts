/**
 * One session reduced to what the stylized facts need: bar returns and
 * volumes, and spread / depth samples (see `bars.ts` for the definitions).
 * The book comes from replaying the LOBSTER message file through the matching
 * engine: checked against the orderbook file when there is one (whose first
 * row also tells what rested before the file starts), or from messages alone
 * for simulated sessions, which start from an empty book.
 *
 * The analysed window runs from the file name's START to the earlier of its
 * END and the last message (the AAPL sample covers only ~49 s, so it has no
 * whole 1-minute bar but does give spread and depth samples).
 * @module
 */

import {
  type LobsterFilePair,
  parseLobsterFileName,
  readLobsterMessages,
  readLobsterOrderbook,
} from "../data/lobster/mod.ts";
import { replayLobster } from "../sim/replay/mod.ts";
import { barReturns, barVolumes, midPrices, sampleQuotes } from "./bars.ts";

/** Which side of the comparison a session is on. */
export type Group = "sim" | "real";

/** Clocks of the reduction. */
export interface SessionDataOptions {
  /** Price units per tick (100 = one cent). */
  tickSize: number;
  /** Bar length for returns and volumes, ns. */
  barNs: number;
  /** Sampling step of the spread and depth, ns. */
  quoteSampleNs: number;
}

/** A session's reduced data. */
export interface SessionData {
  group: Group;
  /** "TICKER DATE". */
  label: string;
  messageFile: string;
  orderbookFile: string | null;
  messages: number;
  /** Replay disagreements with the orderbook file (0 without one). */
  mismatches: number;
  /** Analysed window, ns after midnight. */
  startNs: number;
  endNs: number;
  barNs: number;
  /** Log return of each whole bar (NaN when a mid is unknown). */
  returns: Float64Array;
  /** Executed size (types 4 and 5) in each bar. */
  volumes: Float64Array;
  /** ask₁ − bid₁ in ticks, sampled every `quoteSampleNs`. */
  spreadTicks: Float64Array;
  /** Size at the best bid and best ask, sampled likewise (both sides pooled). */
  depth: Float64Array;
}

/** Reads, replays and reduces one LOBSTER pair. */
export async function loadSessionData(
  pair: LobsterFilePair,
  group: Group,
  o: SessionDataOptions,
): Promise<SessionData> {
  const name = parseLobsterFileName(pair.messageFile);
  const m = await readLobsterMessages(pair.messageFile);
  const ob = pair.orderbookFile === null
    ? null
    : await readLobsterOrderbook(pair.orderbookFile, name.levels);
  const { snapshots, report } = replayLobster(m, ob, { tickSize: o.tickSize, snapshotLevels: 1 });
  const startNs = name.startMs * 1e6;
  const endNs = Math.min(name.endMs * 1e6, m.timeNs[m.count - 1]);
  const isTrade = (i: number) => m.type[i] === 4 || m.type[i] === 5;
  return {
    group,
    label: `${name.ticker} ${name.date}`,
    messageFile: pair.messageFile,
    orderbookFile: pair.orderbookFile,
    messages: m.count,
    mismatches: report.mismatches.total,
    startNs,
    endNs,
    barNs: o.barNs,
    returns: barReturns(snapshots.tsNs, midPrices(snapshots), startNs, endNs, o.barNs),
    volumes: barVolumes(m.timeNs, m.size, isTrade, startNs, endNs, o.barNs),
    ...sampleQuotes(snapshots, startNs, endNs, o.quoteSampleNs),
  };
}
