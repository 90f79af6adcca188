/**
 * Scaler JSON files: {@linkcode saveScaler} writes one atomically (2-space
 * JSON, numbers in shortest round-trip form, so a reload is exact) and
 * returns the SHA-256 of its bytes, which datasets record;
 * {@linkcode loadScaler} reads one back and checks it.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { fitScaler } from "./scaler.ts";
 * import { loadScaler, saveScaler } from "./scaler_file.ts";
 * const dev = pl.DataFrame({
 *   ts: [1, 2, 3], symbol: ["A", "A", "A"], date: Array(3).fill("2024-01-02"),
 *   mid: [1, 1, 1], x: [0.1, 0.7, 0.2],
 * });
 * const scaler = await fitScaler(dev, { method: "standard", clip: 5 });
 * const dir = await Deno.makeTempDir();
 * const sha = await saveScaler(`${dir}/scaler.json`, scaler);
 * const back = await loadScaler(`${dir}/scaler.json`);
 * assert.deepEqual(back.scaler, scaler);
 * assert.equal(back.sha256, sha);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { z } from "zod";
import { toJsonText, writeTextAtomic } from "../core/atomic_write.ts";
import { InputError } from "../core/errors.ts";
import { sha256Hex } from "../core/hash.ts";
import type { Scaler } from "./scaler.ts";

const numbers = z.array(z.number());
const GroupSchema = z.object({
  rows: z.number().int().min(1),
  center: numbers,
  scale: numbers,
  q25: numbers.optional(),
  q75: numbers.optional(),
  std: numbers.optional(),
});
const ScalerFileSchema = z.object({
  format: z.literal("hft-marl.scaler.v1"),
  method: z.enum(["robust", "standard"]),
  quantile_method: z.string().nullable(),
  features: z.array(z.string()).min(1),
  clip: z.number().positive().nullable(),
  regime_column: z.string().nullable(),
  fit: z.object({
    split: z.string(),
    range: z.object({ start: z.string(), end: z.string() }).nullable(),
    first_date: z.string(),
    last_date: z.string(),
    rows: z.number().int(),
    data_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    hash_method: z.string(),
  }),
  stats: z.record(z.string(), z.record(z.string(), GroupSchema)),
});

/** The exact text a scaler is saved as. */
export function scalerJson(scaler: Scaler): string {
  return toJsonText(scaler);
}

/** Writes `scaler` to `path` atomically; returns the SHA-256 of the bytes written. */
export async function saveScaler(path: string, scaler: Scaler): Promise<string> {
  const text = scalerJson(scaler);
  await writeTextAtomic(path, text);
  return await sha256Hex(text);
}

/** Parses and checks scaler JSON text (`file` names it in errors). */
export function parseScaler(text: string, file = "scaler.json"): Scaler {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError({ file, expected: "scaler JSON", found: (err as Error).message });
  }
  const parsed = ScalerFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError({
      file,
      keyPath: issue.path.join("."),
      expected: `a scaler file (${issue.message})`,
      found: "something else",
    });
  }
  const scaler = parsed.data as Scaler;
  const F = scaler.features.length;
  for (const [symbol, regimes] of Object.entries(scaler.stats)) {
    for (const [regime, g] of Object.entries(regimes)) {
      const bad = g.center.length !== F || g.scale.length !== F ||
        g.scale.some((s) => !(s > 0 && Number.isFinite(s)));
      if (bad) {
        throw new InputError({
          file,
          keyPath: `stats.${symbol}.${regime}`,
          expected: `${F} centers and ${F} positive finite scales`,
          found: `${g.center.length} centers, scales ${JSON.stringify(g.scale)}`,
        });
      }
    }
  }
  return scaler;
}

/** Reads a scaler file; returns it with the SHA-256 of its bytes. */
export async function loadScaler(path: string): Promise<{ scaler: Scaler; sha256: string }> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    throw new InputError({
      file: path,
      expected: "a scaler JSON file",
      found: (err as Error).name,
    });
  }
  return { scaler: parseScaler(text, path), sha256: await sha256Hex(text) };
}
