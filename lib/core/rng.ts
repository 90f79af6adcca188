/**
 * Seeded random streams. One master seed per run; every component and every
 * agent derives its own independent stream by name, so adding an agent never
 * shifts the numbers another agent sees. Nothing in `lib/` uses the unseeded global generator.
 *
 * Generator: xoshiro128** (Blackman and Vigna, 2018, "Scrambled linear
 * pseudorandom number generators"), 32-bit state words so that every step is
 * plain int32 arithmetic in V8. Seeding and derivation expand a 32-bit hash
 * with SplitMix32 so that nearby seeds give unrelated streams.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "./rng.ts";
 * const master = Rng.fromSeed(42);
 * const a = master.derive("agent/noise/0");
 * const b = Rng.fromSeed(42).derive("agent/noise/0");
 * assert(a.nextU32() === b.nextU32()); // same seed, same name → same stream
 * const u = a.nextFloat();
 * assert(u >= 0 && u < 1);
 * ```
 * @module
 */

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** 32-bit FNV-1a hash of a string (UTF-16 code units). */
export function hashString32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** SplitMix32 step (finaliser of MurmurHash3 on a Weyl sequence). */
function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A serialisable snapshot of a stream's state (for checkpoints): the four
 * xoshiro words, then the cached second normal draw (NaN when there is none),
 * so that a restored stream continues exactly where the saved one was.
 */
export type RngState = readonly [number, number, number, number, number?];

/** A seeded pseudo-random stream (xoshiro128**). */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spareNormal = 0;
  #hasSpareNormal = false;

  private constructor(s0: number, s1: number, s2: number, s3: number) {
    this.#s0 = s0 | 0;
    this.#s1 = s1 | 0;
    this.#s2 = s2 | 0;
    this.#s3 = s3 | 0;
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s3 = 1;
  }

  /** A stream from an integer seed (any safe integer; negative allowed). */
  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Rng seed: expected a safe integer, found ${seed}`);
    }
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    const st = { s: (lo ^ Math.imul(hi, 0x27d4eb2d)) | 0 };
    return new Rng(splitMix32(st), splitMix32(st), splitMix32(st), splitMix32(st));
  }

  /** Restores a stream saved with {@linkcode Rng.prototype.state}. */
  static fromState(state: RngState): Rng {
    const rng = new Rng(state[0], state[1], state[2], state[3]);
    const spare = state[4];
    if (spare !== undefined && !Number.isNaN(spare)) {
      rng.#spareNormal = spare;
      rng.#hasSpareNormal = true;
    }
    return rng;
  }

  /**
   * An independent child stream named `name`. Deriving does not advance this
   * stream, so the order in which children are derived does not matter.
   */
  derive(name: string): Rng {
    const st = {
      s: (hashString32(name) ^ Math.imul(this.#s0 ^ (this.#s2 >>> 7), 0x9e3779b1) ^
        Math.imul(this.#s1 ^ this.#s3, 0x85ebca77)) | 0,
    };
    return new Rng(splitMix32(st), splitMix32(st), splitMix32(st), splitMix32(st));
  }

  /** The current state, to save in a checkpoint. */
  state(): RngState {
    return [this.#s0, this.#s1, this.#s2, this.#s3, this.#hasSpareNormal ? this.#spareNormal : NaN];
  }

  /** A uniform unsigned 32-bit integer. */
  nextU32(): number {
    const s0 = this.#s0, s1 = this.#s1, s2 = this.#s2, s3 = this.#s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.#s1 = s1 ^ n2;
    this.#s0 = s0 ^ n3;
    this.#s2 = n2 ^ t;
    this.#s3 = (n3 << 11) | (n3 >>> 21);
    return result >>> 0;
  }

  /** A uniform float in [0, 1) with 32 bits of resolution (fast path). */
  nextFloat(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** A uniform float in [0, 1) with the full 53 bits of resolution. */
  nextFloat53(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** A uniform float in (0, 1]; safe to take the logarithm of. */
  nextFloatOpen0(): number {
    return (this.nextU32() + 1) / TWO_POW_32;
  }

  /** A uniform integer in [0, n), n ≤ 2^32, without modulo bias (Lemire's method). */
  nextInt(n: number): number {
    if (!(n > 0 && n <= TWO_POW_32)) {
      throw new RangeError(`nextInt: expected 0 < n ≤ 2^32, found ${n}`);
    }
    const threshold = (TWO_POW_32 - n) % n;
    for (;;) {
      const x = this.nextU32();
      const r = x % n;
      if (x - r <= TWO_POW_32 - n || threshold === 0) return r;
    }
  }

  /** A uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.nextFloat53();
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.nextFloat() < p;
  }

  /** A standard normal draw (Marsaglia polar method; caches the spare value). */
  normal(): number {
    if (this.#hasSpareNormal) {
      this.#hasSpareNormal = false;
      return this.#spareNormal;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.nextFloat53() - 1;
      v = 2 * this.nextFloat53() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spareNormal = v * f;
    this.#hasSpareNormal = true;
    return u * f;
  }

  /** An exponential draw with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(this.nextFloatOpen0()) / rate;
  }

  /** A log-normal draw: exp(mu + sigma·Z). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /**
   * A Poisson draw with mean `lambda`: Knuth's product method for small means,
   * a normal approximation with continuity correction above 500 (error < 1e-3
   * in total variation there).
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0)) throw new RangeError(`poisson: expected lambda ≥ 0, found ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda > 500) {
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    }
    if (lambda > 30) {
      // Split into chunks so that exp(-chunk) never underflows the product method.
      let total = 0;
      let remaining = lambda;
      while (remaining > 30) {
        total += this.poisson(30);
        remaining -= 30;
      }
      return total + this.poisson(remaining);
    }
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.nextFloat53();
    while (p > limit) {
      k++;
      p *= this.nextFloat53();
    }
    return k;
  }

  /** Fisher-Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}
