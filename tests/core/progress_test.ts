import { strict as assert } from "node:assert";
import {
  createProgress,
  progressEnabledByDefault,
  renderProgressLine,
} from "../../lib/core/progress.ts";

function fakeBar(total: number, opts: { columns?: number } = {}) {
  let clock = 0;
  const out: string[] = [];
  const bar = createProgress({
    total,
    label: "replay",
    enabled: true,
    write: (s) => out.push(s),
    now: () => clock,
    columns: opts.columns ?? 100,
  });
  return { bar, out, setClock: (ms: number) => (clock = ms) };
}

Deno.test("a disabled bar writes nothing", () => {
  const out: string[] = [];
  const bar = createProgress({ total: 10, label: "x", enabled: false, write: (s) => out.push(s) });
  assert.equal(bar.enabled, false);
  bar.tick();
  bar.update(5);
  bar.done();
  assert.deepEqual(out, []);
});

Deno.test("not enabled by default when CI is set", () => {
  const before = Deno.env.get("CI");
  Deno.env.set("CI", "true");
  try {
    assert.equal(progressEnabledByDefault(), false);
    assert.equal(createProgress({ total: 5, label: "x" }).enabled, false);
  } finally {
    if (before === undefined) Deno.env.delete("CI");
    else Deno.env.set("CI", before);
  }
});

Deno.test("redraws are throttled to one per 100 ms; done() always draws and ends the line", () => {
  const { bar, out, setClock } = fakeBar(1000);
  bar.tick(); // first update draws at once
  setClock(50);
  bar.tick();
  setClock(99);
  bar.update(10);
  assert.equal(out.length, 1);
  setClock(150);
  bar.tick();
  assert.equal(out.length, 2);
  setClock(160);
  bar.done();
  assert.equal(out.length, 3);
  assert.ok(out.every((s) => s.startsWith("\r")));
  assert.ok(!out[1].endsWith("\n") && out[2].endsWith("\n"));
  bar.tick();
  bar.done();
  assert.equal(out.length, 3, "nothing after done()");
});

Deno.test("percent, count, rate and ETA come from the clock", () => {
  const { bar, out, setClock } = fakeBar(1000);
  setClock(2000);
  bar.update(250); // 125 items/s, 750 left → 6 s
  assert.match(out[0], /replay \[=+> +\] {2}25% 250\/1\.00k 125\/s ETA 6\.00s/);
  setClock(4000);
  bar.update(1000);
  bar.done();
  assert.match(out.at(-1)!, /100% 1\.00k\/1\.00k 250\/s in 4\.00s/);
});

Deno.test("a writer that throws switches the bar off instead of throwing", () => {
  let calls = 0;
  const bar = createProgress({
    total: 10,
    label: "x",
    enabled: true,
    minIntervalMs: 0,
    write: () => {
      calls++;
      throw new Deno.errors.BrokenPipe("closed");
    },
  });
  bar.tick();
  bar.tick();
  bar.done();
  assert.equal(calls, 1);
});

Deno.test("renderProgressLine: unknown total, narrow terminals, clamped fractions", () => {
  assert.equal(renderProgressLine("scan", 1500, 0, 2, 80), "scan 1.50k 750/s");
  assert.equal(renderProgressLine("scan", 1500, 0, 2, 80, true), "scan 1.50k 750/s in 2.00s");
  assert.equal(
    renderProgressLine("scan", 0, 10, 0, 80),
    "scan [>                             ]   0% 0/10 -/s ETA ?",
  );
  const narrow = renderProgressLine("scan", 5, 10, 1, 30);
  assert.ok(!narrow.includes("["), narrow);
  const wide = renderProgressLine("scan", 5, 10, 1, 200);
  assert.ok(wide.length <= 200 && wide.includes("[===============>"), wide);
  assert.match(renderProgressLine("x", 20, 10, 1, 80), /100%/);
});
