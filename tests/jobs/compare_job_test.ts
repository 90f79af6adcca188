import { strict as assert } from "node:assert";
import { UsageError } from "../../lib/core/errors.ts";
import { checkPairing, compareTable, significanceMark } from "../../lib/jobs/compare_table.ts";
import { compareLatex, latexEscape } from "../../lib/jobs/compare_latex.ts";

const seeds = [1, 2, 3, 4, 5, 6];
const samples = [
  { strategy: "ref", seeds, metrics: { pnl: [0, 0, 0, 0, 0, 0] } },
  { strategy: "up", seeds, metrics: { pnl: [1, 2, 3, 4, 5, 6] } },
  // Listed in another seed order: pairing is by seed, not position.
  { strategy: "flat", seeds: [6, 5, 4, 3, 2, 1], metrics: { pnl: [-1, 1, -1, 1, -1, 1] } },
];

Deno.test("compareTable: means, paired differences and Holm-adjusted permutation p-values", () => {
  const rows = compareTable(samples, { reference: "ref", resamples: 500 });
  const up = rows.find((r) => r.strategy === "up")!;
  const flat = rows.find((r) => r.strategy === "flat")!;
  const ref = rows.find((r) => r.strategy === "ref")!;
  assert.equal(up.mean, 3.5);
  assert.equal(up.diff, 3.5);
  assert.ok(up.diffLower <= 3.5 && 3.5 <= up.diffUpper && up.diffLower > 1);
  // Exact sign-flip test: only the all-plus and all-minus vectors reach |Σd| = 21 → 2/64.
  assert.equal(up.p, 2 / 64);
  // Σd = 0 for flat: every sign vector is at least as extreme → p = 1.
  assert.equal(flat.p, 1);
  assert.equal(flat.diff, 0);
  // Holm with 2 tests: min(1, 2 × 1/32) = 1/16; then max(1/16, 1 × 1) = 1.
  assert.equal(up.pAdjusted, 1 / 16);
  assert.equal(flat.pAdjusted, 1);
  assert.equal(up.mark, "");
  assert.ok(Number.isNaN(ref.p) && ref.mean === 0 && ref.meanLower === 0 && ref.meanUpper === 0);
});

Deno.test("compareTable: a strategy evaluated on different seeds is refused", () => {
  const other = {
    strategy: "other",
    seeds: [1, 2, 3, 4, 5, 7],
    metrics: { pnl: [1, 1, 1, 1, 1, 1] },
  };
  assert.throws(() => checkPairing([...samples, other]), UsageError);
  assert.throws(() => compareTable([...samples, other], { reference: "ref" }), /same seeds/);
  assert.throws(() => compareTable(samples, { reference: "nope" }), UsageError);
});

Deno.test("significance marks and LaTeX escaping", () => {
  assert.equal(significanceMark(0.001), "**");
  assert.equal(significanceMark(0.0009), "***");
  assert.equal(significanceMark(0.03), "*");
  assert.equal(significanceMark(0.05), "");
  assert.equal(latexEscape("a_b & 5% $x# {y}"), "a\\_b \\& 5\\% \\$x\\# \\{y\\}");
  const row = {
    metric: "terminal_pnl",
    strategy: "fixed_spread",
    reference: "avellaneda_stoikov",
    n: 10,
    mean: 1,
    meanLower: 0.5,
    meanUpper: 1.5,
    nPairs: 10,
    diff: -0.25,
    diffLower: -0.5,
    diffUpper: -0.1,
    p: 0.001,
    pAdjusted: 0.002,
    mark: "**",
  };
  const tex = compareLatex([row]);
  assert.ok(tex.includes("\\toprule") && tex.includes("\\bottomrule"));
  assert.ok(tex.includes("terminal\\_pnl & fixed\\_spread"));
  assert.ok(tex.includes("avellaneda\\_stoikov"));
  assert.ok(tex.includes("$^{**}$"));
  assert.ok(tex.includes("$-$0.250 [$-$0.500, $-$0.100]"));
  assert.ok(!/[^\\]_/.test(tex.replaceAll("\\_", "")), "no unescaped underscore");
});
