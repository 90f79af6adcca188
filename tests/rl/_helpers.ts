/**
 * Test helpers for tests/rl: a chi-square statistic, and a counter of typed
 * arrays created while a function runs (to show that hot paths reuse their
 * buffers).
 * @module
 */

/** Pearson's chi-square statistic of observed counts against expected counts. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let x2 = 0;
  for (let i = 0; i < observed.length; i++) {
    if (expected[i] === 0) {
      if (observed[i] !== 0) return Infinity;
      continue;
    }
    x2 += (observed[i] - expected[i]) ** 2 / expected[i];
  }
  return x2;
}

/** Chi-square 0.999 quantiles by degrees of freedom (tables, e.g. NIST/SEMATECH 1.3.6.7.4). */
export const CHI2_999: Readonly<Record<number, number>> = {
  1: 10.828,
  2: 13.816,
  3: 16.266,
  4: 18.467,
  5: 20.515,
  9: 27.877,
};

type TypedCtor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor;

/**
 * Runs `fn` with the global Float32Array, Float64Array and Int32Array
 * constructors replaced by counting subclasses, and `subarray` / `slice`
 * counted too; returns how many typed arrays were created.
 */
export function countTypedArrays(fn: () => void): number {
  let count = 0;
  let inMethod = 0; // a subarray/slice of a counting array constructs through species: count it once
  const g = globalThis as unknown as Record<string, TypedCtor>;
  const names = ["Float32Array", "Float64Array", "Int32Array"] as const;
  const originals = names.map((n) => g[n]);
  const protoPatches: [object, string, unknown][] = [];
  try {
    for (let i = 0; i < names.length; i++) {
      const Base = originals[i] as unknown as new (...args: unknown[]) => object;
      const Counting = class extends Base {
        constructor(...args: unknown[]) {
          super(...args);
          if (inMethod === 0) count++;
        }
      };
      g[names[i]] = Counting as unknown as TypedCtor;
      const proto = (Base as unknown as { prototype: Record<string, unknown> }).prototype;
      for (const m of ["subarray", "slice"]) {
        const orig = proto[m] as (...a: unknown[]) => unknown;
        protoPatches.push([proto, m, orig]);
        proto[m] = function (this: unknown, ...a: unknown[]) {
          count++;
          inMethod++;
          try {
            return orig.apply(this, a);
          } finally {
            inMethod--;
          }
        };
      }
    }
    fn();
  } finally {
    for (let i = 0; i < names.length; i++) g[names[i]] = originals[i];
    for (const [proto, m, orig] of protoPatches) (proto as Record<string, unknown>)[m] = orig;
  }
  return count;
}
