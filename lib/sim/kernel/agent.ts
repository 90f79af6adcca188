/**
 * Agents of the discrete-event market (after ABIDES's `Agent`): objects with
 * lifecycle hooks that the kernel calls, and that act on the market only by
 * sending messages through the kernel. Each gets an id, its own random stream
 * derived from the run's master seed, and a computation delay that postpones
 * everything it sends.
 * @module
 */

import type { Rng } from "../../core/rng.ts";
import type { Kernel } from "./kernel.ts";
import type { Message } from "./messages.ts";

/** Base class of every agent; override the hooks you need. */
export abstract class Agent {
  /** Id assigned by {@linkcode Kernel.addAgent} (−1 until then). */
  id = -1;
  /** Random stream assigned by the kernel (derived from the master seed and the agent's name). */
  rng!: Rng;
  /** Time the agent needs to react, added to every message it sends (ns). */
  computeDelayNs = 0;

  /**
   * @param name unique, stable name (e.g. "noise/17"): it names the agent's random stream
   * @param type agent type for statistics ("noise", "value", …)
   */
  constructor(readonly name: string, readonly type: string) {}

  /** Called once at the session start, in id order. */
  start(_k: Kernel): void {}
  /** Called at a time the agent asked for with {@linkcode Kernel.wakeAt}. */
  wakeup(_k: Kernel): void {}
  /** Called for every message delivered to the agent. `m` is reused: do not keep it. */
  receive(_k: Kernel, _m: Message): void {}
  /** Called once at the session end, in id order. */
  end(_k: Kernel): void {}
}
