/**
 * A progress bar on stderr with percent, count, rate and ETA, redrawn at most
 * about ten times a second. On by default only when stderr is a terminal and
 * the `CI` environment variable is not set; otherwise completely silent. Never
 * throws: if stderr is closed the bar switches itself off.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { createProgress } from "./progress.ts";
 * let clock = 0;
 * const out: string[] = [];
 * const bar = createProgress({
 *   total: 1000, label: "replay", enabled: true,
 *   write: (s) => out.push(s), now: () => clock,
 * });
 * clock = 1000; // ms
 * bar.update(500);
 * assert(out.at(-1)!.includes("50%") && out.at(-1)!.includes("500/s"));
 * bar.done();
 * assert(out.at(-1)!.endsWith("\n"));
 * ```
 * @module
 */

import { formatCount, formatDuration, formatRate } from "./format.ts";

/** Options for {@linkcode createProgress}. */
export interface ProgressOptions {
  /** Number of items expected; 0 or less when unknown (no bar, no ETA). */
  total: number;
  /** Short label printed before the bar. */
  label: string;
  /** Force on or off; default: stderr is a terminal and `CI` is unset. */
  enabled?: boolean;
  /** Where to draw; default: stderr. */
  write?: (text: string) => void;
  /** Clock in milliseconds; default `performance.now`. */
  now?: () => number;
  /** Minimum time between redraws in milliseconds; default 100. */
  minIntervalMs?: number;
  /** Line width in columns; default: the terminal's width, or 80. */
  columns?: number;
}

/** A live progress indicator. All methods are no-ops when disabled. */
export interface Progress {
  /** Whether anything is drawn at all. */
  readonly enabled: boolean;
  /** Adds `n` (default 1) finished items. */
  tick(n?: number): void;
  /** Sets the number of finished items. */
  update(done: number): void;
  /** Draws the final state and ends the line. Further calls do nothing. */
  done(): void;
}

const encoder = new TextEncoder();

function writeStderr(text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += Deno.stderr.writeSync(bytes.subarray(written));
}

/** Whether progress should be drawn by default: a terminal, and not CI. */
export function progressEnabledByDefault(): boolean {
  try {
    if (!Deno.stderr.isTerminal()) return false;
    const env = Deno.permissions.querySync({ name: "env", variable: "CI" });
    return env.state !== "granted" || Deno.env.get("CI") === undefined;
  } catch {
    return false;
  }
}

function terminalColumns(): number {
  try {
    return Deno.consoleSize().columns;
  } catch {
    return 80;
  }
}

/** Renders one progress line (without carriage return or newline). */
export function renderProgressLine(
  label: string,
  done: number,
  total: number,
  elapsedSeconds: number,
  columns: number,
  finished = false,
): string {
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const rateText = elapsedSeconds > 0 ? formatRate(rate) : "-/s";
  if (!(total > 0)) {
    const tail = finished ? ` in ${formatDuration(elapsedSeconds)}` : "";
    return `${label} ${formatCount(done)} ${rateText}${tail}`;
  }
  const fraction = Math.min(1, Math.max(0, done / total));
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const eta = finished
    ? `in ${formatDuration(elapsedSeconds)}`
    : `ETA ${rate > 0 ? formatDuration((total - done) / rate) : "?"}`;
  const stats = `${percent} ${formatCount(done)}/${formatCount(total)} ${rateText} ${eta}`;
  const barWidth = Math.max(0, Math.min(30, columns - label.length - stats.length - 5));
  if (barWidth < 5) return `${label} ${stats}`;
  const filled = Math.floor(fraction * barWidth);
  const bar = "=".repeat(filled) + (filled < barWidth ? ">" : "") +
    " ".repeat(Math.max(0, barWidth - filled - 1));
  return `${label} [${bar}] ${stats}`;
}

const SILENT: Progress = { enabled: false, tick() {}, update() {}, done() {} };

/** Creates a progress bar (see the module docs for when it draws). */
export function createProgress(options: ProgressOptions): Progress {
  const enabled = options.enabled ?? progressEnabledByDefault();
  if (!enabled) return SILENT;
  const write = options.write ?? writeStderr;
  const now = options.now ?? (() => performance.now());
  const minInterval = options.minIntervalMs ?? 100;
  const columns = options.columns ?? terminalColumns();
  const start = now();
  let count = 0;
  let lastDraw = -Infinity;
  let active = true;

  const draw = (finished: boolean) => {
    const t = now();
    if (!finished && t - lastDraw < minInterval) return;
    lastDraw = t;
    const line = renderProgressLine(
      options.label,
      count,
      options.total,
      (t - start) / 1000,
      columns,
      finished,
    );
    try {
      write(`\r${line}\x1b[K${finished ? "\n" : ""}`);
    } catch {
      active = false; // stderr closed: stay silent from now on.
    }
  };

  return {
    enabled: true,
    tick(n = 1) {
      if (!active) return;
      count += n;
      draw(false);
    },
    update(done: number) {
      if (!active) return;
      count = done;
      draw(false);
    },
    done() {
      if (!active) return;
      draw(true);
      active = false;
    },
  };
}
