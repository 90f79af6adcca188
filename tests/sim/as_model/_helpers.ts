/** Shared helpers of the as_model tests: sample statistics and a scalar reference model. */

import { Rng } from "../../../lib/core/rng.ts";
import type { AsModelParams } from "../../../lib/sim/as_model/mod.ts";

/** Sample mean and unbiased variance. */
export function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += xs[i];
  mean /= xs.length;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i] - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

/** One trajectory's path, step by step (index 0 = the start). */
export interface ReferencePath {
  mid: number[];
  cash: number[];
  inventory: number[];
  bidFilled: number[];
  askFilled: number[];
}

/**
 * The model written out plainly for one trajectory, with an `Rng` object
 * (the market's documented stream and draw order): the oracle the
 * vectorised market must match exactly.
 */
export function referencePath(
  p: AsModelParams,
  seed: number,
  trajectory: number,
  offsets: (step: number) => [number, number],
): ReferencePath {
  const rng = Rng.fromSeed(seed).derive(`as-model/traj/${trajectory}`);
  const steps = Math.round(p.T / p.dt);
  const ds = p.sigma * Math.sqrt(p.dt);
  const out: ReferencePath = {
    mid: [p.s0],
    cash: [0],
    inventory: [p.q0],
    bidFilled: [0],
    askFilled: [0],
  };
  let s = p.s0, cash = 0, q = p.q0, moves = 0;
  for (let j = 0; j < steps; j++) {
    const [db, da] = offsets(j);
    const u1 = rng.nextFloat();
    const u2 = rng.nextFloat();
    const u3 = rng.nextFloat();
    const fb = Number.isFinite(db) && u1 < Math.min(1, p.A * Math.exp(-p.k * db) * p.dt) ? 1 : 0;
    const fa = Number.isFinite(da) && u2 < Math.min(1, p.A * Math.exp(-p.k * da) * p.dt) ? 1 : 0;
    if (fb === 1) {
      q += 1;
      cash -= s - db;
    }
    if (fa === 1) {
      q -= 1;
      cash += s + da;
    }
    moves += u3 < 0.5 ? 1 : -1;
    s = p.s0 + ds * moves;
    out.mid.push(s);
    out.cash.push(cash);
    out.inventory.push(q);
    out.bidFilled.push(fb);
    out.askFilled.push(fa);
  }
  return out;
}
