/**
 * Fast, strict readers for LOBSTER files (lobsterdata.com): file names and
 * folder discovery, message files and orderbook files, parsed into typed
 * arrays with exact integer nanosecond times.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseLobsterFileName, parseLobsterMessages } from "./mod.ts";
 * const file = "GOOG_2012-06-21_34200000_57600000_message_1.csv";
 * assert(parseLobsterFileName(file).kind === "message");
 * const m = parseLobsterMessages("34200.015105074,4,15818974,4,5794000,1", file);
 * assert(m.count === 1 && m.timeNs[0] === 34200015105074);
 * ```
 * @module
 */

export {
  findLobsterFiles,
  type LobsterFileName,
  type LobsterFilePair,
  orderbookFileBeside,
  parseLobsterFileName,
  resolveOrderbookFile,
} from "./file_name.ts";
export {
  LobsterEventType,
  type LobsterEventTypeValue,
  type LobsterMessages,
  parseLobsterMessages,
  readLobsterMessages,
} from "./message_file.ts";
export {
  type LobsterOrderbook,
  parseLobsterOrderbook,
  readLobsterOrderbook,
} from "./orderbook_file.ts";
