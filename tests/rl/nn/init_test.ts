import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { glorotUniform, orthogonal } from "../../../lib/rl/nn/init.ts";

/** max |MᵀM − g²I| over the smaller dimension's Gram matrix. */
function gramError(w: Float32Array, rows: number, cols: number, gain: number): number {
  let worst = 0;
  const tall = rows >= cols;
  const m = tall ? cols : rows, n = tall ? rows : cols;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      let dot = 0;
      for (let k = 0; k < n; k++) {
        const x = tall ? w[k * cols + a] : w[a * cols + k];
        const y = tall ? w[k * cols + b] : w[b * cols + k];
        dot += x * y;
      }
      worst = Math.max(worst, Math.abs(dot - (a === b ? gain * gain : 0)));
    }
  }
  return worst;
}

Deno.test("orthogonal: orthonormal columns (tall) or rows (wide), scaled by the gain", () => {
  for (const [rows, cols] of [[64, 16], [16, 64], [32, 32], [1, 5], [7, 1]]) {
    const gain = Math.SQRT2;
    const w = orthogonal(Rng.fromSeed(rows * 100 + cols), rows, cols, gain);
    assert.equal(w.length, rows * cols);
    assert.ok(gramError(w, rows, cols, gain) < 1e-5, `${rows}×${cols}`);
  }
});

Deno.test("orthogonal: the same seed gives the same bits, another seed other weights", () => {
  const a = orthogonal(Rng.fromSeed(9), 8, 4);
  const b = orthogonal(Rng.fromSeed(9), 8, 4);
  const c = orthogonal(Rng.fromSeed(10), 8, 4);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

Deno.test("glorotUniform: within ±√(6/(in+out)), mean ≈ 0, variance ≈ limit²/3", () => {
  const fanIn = 200, fanOut = 100;
  const w = glorotUniform(Rng.fromSeed(4), fanIn, fanOut);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  let sum = 0, sq = 0;
  for (const x of w) {
    assert.ok(Math.abs(x) <= limit);
    sum += x;
    sq += x * x;
  }
  const mean = sum / w.length;
  const variance = sq / w.length - mean * mean;
  assert.ok(Math.abs(mean) < 0.01 * limit * 10);
  assert.ok(Math.abs(variance / (limit * limit / 3) - 1) < 0.03);
});
