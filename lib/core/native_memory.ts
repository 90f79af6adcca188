/**
 * Hands polars' native memory back promptly (used by every stage that
 * drops many polars frames in a loop: the dataset builder, the feature job,
 * the in-memory pipeline).
 *
 * A nodejs-polars frame or series is a small JavaScript wrapper around Rust
 * memory that V8 does not see, so V8 feels no pressure to collect dropped
 * wrappers: reading 40 feature files of 60 MB each in a loop grew the
 * resident set to 2.6 GB and kept it there. A full collection followed by one
 * turn of the event loop (napi finalizers run there) frees it; measured here,
 * the same loop then stays at about 200 MB.
 *
 * `gc` is not exposed by default; `--expose-gc` is switched on at run time
 * through `node:v8` (the usual Node.js idiom) the first time it is needed.
 * When that is not possible the call only yields to the event loop.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { NativeMemoryBudget } from "./native_memory.ts";
 * const budget = new NativeMemoryBudget(100);
 * await budget.note(60); // under the limit: nothing happens
 * assert.equal(budget.pendingBytes, 60);
 * await budget.note(60); // over it: collected, and the count starts again
 * assert.equal(budget.pendingBytes, 0);
 * ```
 * @module
 */

import v8 from "node:v8";
import vm from "node:vm";

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    collect = typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Collects garbage and lets the finalizers of dropped polars objects run. */
export async function releaseNativeMemory(): Promise<void> {
  collector()?.();
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/**
 * Calls {@linkcode releaseNativeMemory} once every `limitBytes` of polars
 * data noted, so that collections (each costs tens of milliseconds) stay rare
 * while dropped frames never pile up beyond the limit.
 */
export class NativeMemoryBudget {
  private pending = 0;

  constructor(readonly limitBytes = 256 * 1024 * 1024) {}

  /** Bytes noted since the last release. */
  get pendingBytes(): number {
    return this.pending;
  }

  /** Notes `bytes` of polars data now garbage; releases when over the limit. */
  async note(bytes: number): Promise<void> {
    this.pending += bytes;
    if (this.pending >= this.limitBytes) await this.flush();
  }

  /** Notes `bytes` of polars data that will be garbage soon (released by a later `note`). */
  add(bytes: number): void {
    this.pending += bytes;
  }

  /** Releases now. */
  async flush(): Promise<void> {
    this.pending = 0;
    await releaseNativeMemory();
  }
}
