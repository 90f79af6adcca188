import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import { lgamma, logBeta } from "../../../lib/rl/nn/special.ts";
import { stopGradient } from "../../../lib/rl/nn/stop_gradient.ts";

/** Float64 reference: Lanczos (g = 7, n = 9), accurate to ~1e-15 for x > 0.5; reflection below. */
function lgammaRef(x: number): number {
  const c = [
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgammaRef(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

Deno.test("lgamma: matches a float64 reference over (0.05, 1000] to float32 accuracy, on cpu and wasm", async () => {
  const xs = [0.05, 0.1, 0.3, 0.5, 0.9, 1, 1.5, 2, 3.7, 6, 10, 33.3, 100, 999.5];
  for (const backend of ["cpu", "wasm"]) {
    if (backend === "wasm") await initWasmBackend();
    else await tf.setBackend("cpu");
    const got = lgamma(tf.tensor1d(xs)).dataSync();
    xs.forEach((x, i) => {
      const ref = lgammaRef(x);
      assert.ok(
        Math.abs(got[i] - ref) <= 2e-6 * Math.max(1, Math.abs(ref)),
        `${backend} lgamma(${x}) = ${got[i]}, want ${ref}`,
      );
    });
  }
  await tf.setBackend("cpu");
});

Deno.test("lgamma: its gradient is the digamma function", async () => {
  await tf.setBackend("cpu");
  const euler = 0.5772156649015329;
  const cases: [number, number][] = [
    [1, -euler],
    [0.5, -euler - 2 * Math.log(2)],
    [2, 1 - euler],
    [10, 2.251752589066721],
  ];
  const g = tf.grad((x: tf.Tensor) => tf.sum(lgamma(x)))(tf.tensor1d(cases.map((c) => c[0])))
    .dataSync();
  cases.forEach(([x, d], i) =>
    assert.ok(Math.abs(g[i] - d) < 2e-5, `ψ(${x}) = ${g[i]}, want ${d}`)
  );
});

Deno.test("logBeta: ln B(1,1) = 0, ln B(2,3) = ln(1/12), symmetric", async () => {
  await tf.setBackend("cpu");
  const v = logBeta(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 3, 2])).dataSync();
  assert.ok(Math.abs(v[0]) < 1e-6);
  assert.ok(Math.abs(v[1] - Math.log(1 / 12)) < 1e-5);
  assert.ok(Math.abs(v[2] - v[1]) < 1e-6);
});

Deno.test("stopGradient: the value passes, the gradient does not (cpu and wasm)", async () => {
  for (const backend of ["cpu", "wasm"]) {
    if (backend === "wasm") await initWasmBackend();
    else await tf.setBackend("cpu");
    const x = tf.tensor1d([2, -1]);
    assert.deepEqual(Array.from(stopGradient(x).dataSync()), [2, -1]);
    // Semi-gradient TD: d/dw (w − stop(2w))² = 2(w − 2w) = −2w, not 2(w − 2w)(1 − 2) = 2w.
    const g = tf.grad((w: tf.Tensor) => tf.sum(tf.square(tf.sub(w, stopGradient(tf.mul(2, w))))))(
      x,
    );
    assert.deepEqual(Array.from(g.dataSync()), [-4, 2], backend);
  }
  await tf.setBackend("cpu");
});
