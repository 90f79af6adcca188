/**
 * Private: maps config key paths to 1-based line numbers in a parsed YAML
 * document, using the node ranges and a `LineCounter`.
 * @module
 */

import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter } from "yaml";

/**
 * The line of the key at `path` (for list items, the item's line). When the
 * path does not exist in the document, the line of its deepest existing
 * ancestor key; `undefined` when not even the first key exists.
 */
export function lineOfKey(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) =>
        String(isScalar(p.key) ? p.key.value : p.key) === String(seg)
      );
      if (pair === undefined) break;
      const range = isScalar(pair.key) ? pair.key.range : undefined;
      if (range) line = lines.linePos(range[0]).line;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as { range?: [number, number, number] } | undefined;
      if (item === undefined) break;
      if (item.range) line = lines.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}
