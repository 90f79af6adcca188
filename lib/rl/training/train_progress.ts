/**
 * The training progress line: the usual bar over the budget (iterations, or
 * training episodes) followed by the latest episode return, the main losses
 * and the agent-steps per second, redrawn at most every 100 ms on stderr
 * (silent off a terminal, in CI, or when disabled).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { createTrainProgress } from "./train_progress.ts";
 * const out: string[] = [];
 * const p = createTrainProgress({ total: 10, label: "train", enabled: true, write: (t) => out.push(t), minIntervalMs: 0 });
 * p.update(3, "return 1.5 | 2.0k steps/s");
 * p.done();
 * assert(out[0].includes("return 1.5"));
 * ```
 * @module
 */

import { progressEnabledByDefault, renderProgressLine } from "../../core/progress.ts";

/** Options of {@linkcode createTrainProgress}. */
export interface TrainProgressOptions {
  total: number;
  label: string;
  /** Default: stderr is a terminal and CI is unset. */
  enabled?: boolean;
  /** Default: stderr. */
  write?: (text: string) => void;
  /** Default 100. */
  minIntervalMs?: number;
}

/** A progress bar with a status text. */
export interface TrainProgress {
  update(done: number, status: string): void;
  done(): void;
}

/** Creates the training progress line. */
export function createTrainProgress(o: TrainProgressOptions): TrainProgress {
  const enabled = o.enabled ?? progressEnabledByDefault();
  if (!enabled) return { update() {}, done() {} };
  const enc = new TextEncoder();
  const write = o.write ?? ((t: string) => {
    const b = enc.encode(t);
    let n = 0;
    while (n < b.length) n += Deno.stderr.writeSync(b.subarray(n));
  });
  const start = performance.now();
  const minInterval = o.minIntervalMs ?? 100;
  let last = -Infinity, count = 0, text = "", active = true;
  const draw = (finished: boolean) => {
    const t = performance.now();
    if (!finished && t - last < minInterval) return;
    last = t;
    const line = renderProgressLine(o.label, count, o.total, (t - start) / 1000, 60, finished);
    try {
      write(`\r${line} ${text}\x1b[K${finished ? "\n" : ""}`);
    } catch {
      active = false;
    }
  };
  return {
    update(done, status) {
      if (!active) return;
      count = done;
      text = status;
      draw(false);
    },
    done() {
      if (!active) return;
      draw(true);
      active = false;
    },
  };
}
