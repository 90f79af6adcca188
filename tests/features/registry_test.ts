import { strict as assert } from "node:assert";
import {
  DEFAULT_FEATURES,
  FEATURE_FAMILIES,
  FEATURE_REGISTRY,
  featureTableMarkdown,
  isFeatureName,
  REGISTERED_FEATURE_NAMES,
  resolveFeature,
} from "../../lib/features/mod.ts";

Deno.test("registry: names.ts lists exactly the registry's names, in order", () => {
  assert.deepEqual(FEATURE_REGISTRY.map((f) => f.name), REGISTERED_FEATURE_NAMES);
  assert.equal(new Set(REGISTERED_FEATURE_NAMES).size, REGISTERED_FEATURE_NAMES.length);
});

Deno.test("registry: the default set is the original design's 28 market features", () => {
  assert.equal(DEFAULT_FEATURES.length, 28);
  const left = REGISTERED_FEATURE_NAMES.filter((n) => !DEFAULT_FEATURES.includes(n));
  assert.deepEqual(left, ["return_1", "return_5", "return_10", "sma_10", "sma_20", "sma_50"]);
});

Deno.test("registry: every entry has a family, a definition, and windows where it has one", () => {
  for (const f of FEATURE_REGISTRY) {
    assert(FEATURE_FAMILIES.includes(f.family), f.name);
    assert(f.definition.length > 10, f.name);
    const n = /_(\d+)$/.exec(f.name);
    if (n !== null) assert.equal(f.window, Number(n[1]), f.name);
  }
  assert.deepEqual(
    FEATURE_REGISTRY.filter((f) => f.needs === "events").map((f) => f.name),
    ["trade_intensity", "cancel_intensity"],
  );
});

Deno.test("registry: parametric names resolve with their parameter; others do not", () => {
  assert.equal(resolveFeature("realized_vol_30")?.definition.includes("last 30 rows"), true);
  assert.equal(resolveFeature("ema_7")?.window, 7);
  assert.equal(resolveFeature("log_return_3")?.family, "returns");
  for (const bad of ["realized_vol_1", "sma_0", "sma_07", "sma_", "ema_x", "rsi_14", "mid"]) {
    assert.equal(resolveFeature(bad), undefined, bad);
    assert.equal(isFeatureName(bad), false, bad);
  }
});

Deno.test("registry: the table has one row per feature, windows right-aligned", () => {
  const lines = featureTableMarkdown().trimEnd().split("\n");
  assert.equal(lines.length, 2 + FEATURE_REGISTRY.length);
  assert.match(
    lines[0],
    /^\| feature +\| family +\| definition +\| window \| needs +\| default \|$/,
  );
  assert.match(lines[1], /\| -----: \|/);
  const rsi = lines.find((l) => l.startsWith("| `rsi`"));
  assert((rsi ?? "").endsWith("|     14 |        | yes     |"), rsi);
  // every row as wide as the header (deno fmt's layout)
  const width = (s: string) => Array.from(s.replace(/\p{M}/gu, "")).length;
  for (const l of lines) assert.equal(width(l), width(lines[0]), l);
});

Deno.test("README's feature table equals featureTableMarkdown()", async () => {
  const readme = await Deno.readTextFile(new URL("../../README.md", import.meta.url));
  const start = readme.indexOf("<!-- features:start -->");
  const end = readme.indexOf("<!-- features:end -->");
  assert(start >= 0 && end > start, "README.md lacks the features markers");
  const table = readme.slice(start + "<!-- features:start -->".length, end).trim();
  assert.equal(
    table,
    featureTableMarkdown().trim(),
    "README.md's feature table is stale: paste the output of `deno task features --list` between the markers",
  );
});
