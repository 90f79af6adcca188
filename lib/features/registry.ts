/**
 * The feature registry: every named feature with its definition, name
 * resolution for the parametric families (`log_return_k`, `return_k`, `realized_vol_n`,
 * `hl_vol_n`, `sma_n`, `ema_n` take any k or n, not only the registered
 * ones), and the README's feature table generated from the registry.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { FEATURE_REGISTRY, resolveFeature } from "./registry.ts";
 * assert.equal(FEATURE_REGISTRY.length, 34);
 * assert.equal(resolveFeature("sma_30")?.window, 30);
 * assert.equal(resolveFeature("sma_x"), undefined);
 * ```
 * @module
 */

import { BOOK_FEATURES } from "./book.ts";
import { ORDER_FLOW_FEATURES } from "./order_flow.ts";
import { logReturn, RETURN_FEATURES, simpleReturn } from "./returns.ts";
import { ema, sma, TECHNICAL_FEATURES } from "./technical.ts";
import { TIME_FEATURES } from "./time.ts";
import { DEFAULT_FEATURES, parseParametricName } from "./names.ts";
import type { FeatureDef, FeatureSpec } from "./types.ts";
import { hlVol, realizedVol, VOLATILITY_FEATURES } from "./volatility.ts";

/** Every registered feature, in table order (family by family). */
export const FEATURE_REGISTRY: readonly FeatureDef[] = [
  ...BOOK_FEATURES,
  ...RETURN_FEATURES,
  ...VOLATILITY_FEATURES,
  ...ORDER_FLOW_FEATURES,
  ...TECHNICAL_FEATURES,
  ...TIME_FEATURES,
];

/** Factories of the parametric families, by name form (see names.ts). */
const FACTORIES: Record<string, (n: number) => FeatureDef> = {
  "log_return_<k>": logReturn,
  "return_<k>": simpleReturn,
  "realized_vol_<n>": realizedVol,
  "hl_vol_<n>": hlVol,
  "sma_<n>": sma,
  "ema_<n>": ema,
};

/**
 * The feature called `name`: a registered one, or a parametric family with
 * another k or n (e.g. `realized_vol_30`); undefined for an unknown name.
 */
export function resolveFeature(name: string): FeatureDef | undefined {
  const registered = FEATURE_REGISTRY.find((f) => f.name === name);
  if (registered !== undefined) return registered;
  const parametric = parseParametricName(name);
  return parametric === undefined ? undefined : FACTORIES[parametric.form](parametric.n);
}

/** Display width of a table cell: code points, combining marks not counted (no wide characters). */
function width(text: string): number {
  return Array.from(text.replace(/\p{M}/gu, "")).length;
}

/** A spec's table row cells. */
function cells(f: FeatureSpec): string[] {
  return [
    `\`${f.name}\``,
    f.family,
    f.definition.replaceAll("|", "\\|"),
    f.window === undefined ? "" : String(f.window),
    f.needs ?? "",
    DEFAULT_FEATURES.includes(f.name) ? "yes" : "",
  ];
}

/**
 * The feature table in Markdown, one row per registered feature, laid out as
 * `deno fmt` lays out tables (so README.md can hold it verbatim): name,
 * family, definition, window (rows), needs, in the default set.
 */
export function featureTableMarkdown(specs: readonly FeatureSpec[] = FEATURE_REGISTRY): string {
  const header = ["feature", "family", "definition", "window", "needs", "default"];
  const right = [false, false, false, true, false, false];
  const rows = specs.map(cells);
  const widths = header.map((h, j) => Math.max(3, width(h), ...rows.map((r) => width(r[j]))));
  const pad = (text: string, j: number) => {
    const fill = " ".repeat(widths[j] - width(text));
    return right[j] ? fill + text : text + fill;
  };
  const line = (cs: string[]) => `| ${cs.map(pad).join(" | ")} |`;
  const rule = `| ${
    widths.map((w, j) => (right[j] ? "-".repeat(w - 1) + ":" : "-".repeat(w))).join(" | ")
  } |`;
  return [line(header), rule, ...rows.map(line)].join("\n") + "\n";
}
