import { strict as assert } from "node:assert";
import { parseArgs, parseSeedRange } from "../../lib/cli/args.ts";
import type { ArgsSpec } from "../../lib/cli/args.ts";
import { UsageError } from "../../lib/core/errors.ts";

const spec: ArgsSpec = {
  command: "replay",
  flags: [
    { name: "levels", type: "integer", description: "book levels", default: 10 },
    { name: "rate", type: "number", description: "events per second" },
    { name: "out", type: "string", description: "run folder" },
    { name: "set", type: "string[]", description: "config override" },
    { name: "checks", type: "boolean", description: "invariant checks", default: true },
    { name: "dry-run", type: "boolean", description: "do nothing" },
  ],
  positionals: [
    { name: "file", description: "message file" },
    { name: "more", description: "more files", optional: true, variadic: true },
  ],
};

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof UsageError, `expected a UsageError, got ${err}`);
    return err.message;
  }
  throw new assert.AssertionError({ message: "expected a UsageError" });
}

Deno.test("defaults are filled in when flags are absent", () => {
  assert.deepEqual(parseArgs(["a.csv"], spec), {
    flags: { levels: 10, set: [], checks: true, "dry-run": false },
    positionals: ["a.csv"],
  });
});

Deno.test("--name value, --name=value, booleans and negations", () => {
  const parsed = parseArgs(
    ["--levels", "5", "--rate=2.5e3", "--out=o=dir", "--no-checks", "--dry-run", "a.csv"],
    spec,
  );
  assert.deepEqual(parsed.flags, {
    levels: 5,
    rate: 2500,
    out: "o=dir",
    set: [],
    checks: false,
    "dry-run": true,
  });
  assert.equal(parseArgs(["a", "--checks=false"], spec).flags.checks, false);
  assert.equal(parseArgs(["a", "--no-checks", "--checks"], spec).flags.checks, true);
});

Deno.test("repeatable flags collect values; other flags keep the last value", () => {
  const parsed = parseArgs([
    "--set",
    "a=1",
    "a.csv",
    "--set=b.c=2",
    "--levels",
    "3",
    "--levels",
    "4",
  ], spec);
  assert.deepEqual(parsed.flags.set, ["a=1", "b.c=2"]);
  assert.equal(parsed.flags.levels, 4);
  const withDefault = parseArgs(["--tag", "x"], {
    command: "t",
    flags: [{ name: "tag", type: "string[]", description: "tags", default: ["d"] }],
  });
  assert.deepEqual(withDefault.flags.tag, ["x"]);
});

Deno.test("positionals: variadic tail, negative numbers, '-' and '--'", () => {
  assert.deepEqual(parseArgs(["a", "b", "c"], spec).positionals, ["a", "b", "c"]);
  assert.deepEqual(parseArgs(["a", "-5", "-"], spec).positionals, ["a", "-5", "-"]);
  assert.deepEqual(parseArgs(["--", "--levels", "x"], spec).positionals, ["--levels", "x"]);
  assert.equal(parseArgs(["--rate", "-1.5", "a"], spec).flags.rate, -1.5);
});

Deno.test("usage errors say what is wrong", () => {
  assert.equal(
    usageMessage(() => parseArgs(["a", "--x"], spec)),
    "unknown flag --x for 'replay' (see --help)",
  );
  assert.equal(
    usageMessage(() => parseArgs(["a", "--levles", "3"], spec)),
    "unknown flag --levles for 'replay' (did you mean --levels? see --help)",
  );
  assert.equal(
    usageMessage(() => parseArgs(["a", "-x"], spec)),
    "unknown flag -x for 'replay' (see --help)",
  );
  assert.equal(
    usageMessage(() => parseArgs(["a", "--no-levels"], spec)),
    "unknown flag --no-levels for 'replay' (did you mean --levels? see --help)",
  );
  assert.equal(
    usageMessage(() => parseArgs(["a", "--levels", "1.5"], spec)),
    '--levels: expected an integer, found "1.5"',
  );
  assert.equal(
    usageMessage(() => parseArgs(["a", "--levels="], spec)),
    '--levels: expected an integer, found ""',
  );
  assert.equal(
    usageMessage(() => parseArgs(["a", "--rate", "fast"], spec)),
    '--rate: expected a number, found "fast"',
  );
  assert.equal(
    usageMessage(() => parseArgs(["a", "--rate", "Infinity"], spec)),
    '--rate: expected a number, found "Infinity"',
  );
  assert.equal(
    usageMessage(() => parseArgs(["a", "--checks=yes"], spec)),
    '--checks: expected true or false, found "yes"',
  );
  assert.equal(usageMessage(() => parseArgs(["a", "--out"], spec)), "--out needs a value (string)");
  assert.equal(
    usageMessage(() => parseArgs(["a", "--out", "--checks"], spec)),
    "--out needs a value (string)",
  );
  assert.equal(
    usageMessage(() => parseArgs([], spec)),
    "missing argument <file> for 'replay' (see --help)",
  );
  assert.equal(
    usageMessage(() =>
      parseArgs(["x", "y"], {
        command: "demo",
        flags: [],
        positionals: [{ name: "a", description: "" }],
      })
    ),
    "unexpected argument \"y\" for 'demo' (see --help)",
  );
  assert.equal(
    usageMessage(() => parseArgs(["y"], { command: "demo", flags: [] })),
    "unexpected argument \"y\" for 'demo' (see --help)",
  );
});

Deno.test("-h sets help only when a help flag is declared", () => {
  const withHelp = {
    command: "c",
    flags: [{ name: "help", type: "boolean" as const, description: "" }],
  };
  assert.equal(parseArgs(["-h"], withHelp).flags.help, true);
  assert.throws(() => parseArgs(["-h"], { command: "c", flags: [] }), UsageError);
});

Deno.test("parseSeedRange: ranges, lists and mistakes", () => {
  assert.deepEqual(parseSeedRange("1..5"), [1, 2, 3, 4, 5]);
  assert.deepEqual(parseSeedRange("7"), [7]);
  assert.deepEqual(parseSeedRange("3, 1,2"), [3, 1, 2]);
  assert.deepEqual(parseSeedRange("-2..0,10..11"), [-2, -1, 0, 10, 11]);
  assert.equal(
    usageMessage(() => parseSeedRange("5..1")),
    '--seeds: expected seeds like "1..5" or "1,3,7", found "5..1" (range 5..1 is empty or too large)',
  );
  assert.equal(
    usageMessage(() => parseSeedRange("a", "--seed")),
    '--seed: expected seeds like "1..5" or "1,3,7", found "a"',
  );
  assert.match(usageMessage(() => parseSeedRange("1..3,2")), /seed 2 appears twice/);
  assert.match(usageMessage(() => parseSeedRange("")), /found ""/);
  assert.match(usageMessage(() => parseSeedRange("1,,2")), /found "1,,2"/);
  assert.match(usageMessage(() => parseSeedRange("1.5")), /found "1.5"/);
  assert.match(usageMessage(() => parseSeedRange("0..1000000")), /more than 100000 seeds/);
});
