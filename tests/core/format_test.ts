import { strict as assert } from "node:assert";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
  formatTable,
} from "../../lib/core/format.ts";

Deno.test("formatCount and formatRate use SI suffixes with three significant digits", () => {
  assert.equal(formatRate(5_210_000), "5.21M/s");
  assert.equal(formatRate(312), "312/s");
  assert.equal(formatRate(31.24), "31.2/s");
  assert.equal(formatRate(0.5), "0.50/s");
  assert.equal(formatRate(0), "0/s");
  assert.equal(formatCount(999), "999");
  assert.equal(formatCount(1000), "1.00k");
  assert.equal(formatCount(12_345), "12.3k");
  assert.equal(formatCount(999_700), "1.00M"); // rounding carries into the next unit
  assert.equal(formatCount(3e9), "3.00G");
  assert.equal(formatCount(-2500), "-2.50k");
  assert.equal(formatCount(Infinity), "Infinity");
});

Deno.test("formatBytes uses binary units", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1024), "1.00 KiB");
  assert.equal(formatBytes(1536), "1.50 KiB");
  assert.equal(formatBytes(3.2 * 1024 ** 2), "3.20 MiB");
  assert.equal(formatBytes(1024 ** 3), "1.00 GiB");
});

Deno.test("formatDuration picks a unit by size", () => {
  assert.equal(formatDuration(0.00085), "850µs");
  assert.equal(formatDuration(0.35), "350ms");
  assert.equal(formatDuration(3.421), "3.42s");
  assert.equal(formatDuration(42.12), "42.1s");
  assert.equal(formatDuration(245), "4m05s");
  assert.equal(formatDuration(7380), "2h03m");
  assert.equal(formatDuration(3 * 86400 + 4 * 3600), "3d04h");
  assert.equal(formatDuration(Infinity), "?");
  assert.equal(formatDuration(Number.NaN), "?");
  assert.equal(formatDuration(-2), "-2.00s");
});

Deno.test("formatTable aligns columns: numbers right, text left, blanks for missing cells", () => {
  const table = formatTable([
    { command: "replay", events: 1_000_000, rate: "5.21M/s" },
    { command: "bench", events: 12 },
    { command: "é", rate: "1/s", extra: "x" },
  ]);
  assert.equal(
    table,
    [
      "command   events  rate     extra",
      "-------  -------  -------  -----",
      "replay   1000000  5.21M/s",
      "bench         12",
      "é                 1/s      x",
    ].join("\n"),
  );
  assert.equal(formatTable([]), "");
});
