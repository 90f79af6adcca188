/**
 * "Did you mean …?" hints for misspelt names (commands, flags, config keys).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { closestMatch } from "./suggest.ts";
 * assert(closestMatch("levles", ["levels", "tick", "seed"]) === "levels");
 * assert(closestMatch("xyz", ["levels", "tick"]) === undefined);
 * ```
 * @module
 */

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two
 * neighbouring characters (optimal string alignment), on UTF-16 code units.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from(
    { length: a.length + 1 },
    (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo
 * (edit distance at most a third of the word's length, and at least 1 allowed).
 * Ties go to the earliest candidate.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
