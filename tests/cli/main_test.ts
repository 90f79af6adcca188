import { strict as assert } from "node:assert";
import type { Command, CommandContext } from "../../lib/cli/command.ts";
import { runCli } from "../../lib/cli/main.ts";
import { commands } from "../../lib/cli/commands/mod.ts";
import { ConfigError, InputError, UsageError } from "../../lib/core/errors.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

let lastCtx: CommandContext | undefined;

const greet: Command = {
  name: "greet",
  summary: "Say hello",
  flags: [
    { name: "times", type: "integer", description: "repetitions", default: 1 },
    { name: "fail", type: "string", description: "throw this kind of error" },
  ],
  positionals: [{ name: "who", description: "who to greet", optional: true }],
  run(ctx) {
    lastCtx = ctx;
    ctx.log("starting");
    const who = ctx.positionals[0] ?? "world";
    for (let i = 0; i < (ctx.flags.times as number); i++) ctx.print(`hello ${who}`);
    switch (ctx.flags.fail) {
      case "usage":
        throw new UsageError("bad usage");
      case "config":
        throw new ConfigError({ file: "c.yaml", line: 2, keyPath: "a", expected: "x", found: "y" });
      case "input":
        throw new InputError({ file: "d.csv", expected: "rows", found: "none" });
      case "bug":
        throw new TypeError("boom\nsecond line");
      case "string":
        throw "plain string";
    }
    return Promise.resolve({ who, times: ctx.flags.times });
  },
};

const data: Command = {
  name: "data",
  summary: "Data tools",
  flags: [],
  subcommands: [{
    name: "fetch",
    summary: "Fetch",
    flags: [{ name: "day", type: "string", description: "day" }],
    run: (ctx) => Promise.resolve({ day: ctx.flags.day, path: ctx.commandPath }),
  }],
  run: () => Promise.resolve("group"),
};

const all = [greet, data];

Deno.test("success: exit 0, human output on stdout, log lines on stderr", async () => {
  const c = capture();
  assert.equal(await runCli(["greet", "Ann", "--times", "2"], all, { io: c.io }), 0);
  assert.equal(c.stdout(), "hello Ann\nhello Ann\n");
  assert.equal(c.stderr(), "starting\n");
  assert.equal(lastCtx?.json, false);
  assert.equal(lastCtx?.verbose, false);
  assert.deepEqual(lastCtx?.argv, ["greet", "Ann", "--times", "2"]);
  assert.equal(lastCtx?.commandPath, "greet");
});

Deno.test("--json: only the returned JSON on stdout", async () => {
  const c = capture();
  assert.equal(await runCli(["greet", "--json", "Bo"], all, { io: c.io }), 0);
  assert.deepEqual(JSON.parse(c.stdout()), { who: "Bo", times: 1 });
  assert.equal(c.stdout(), '{\n  "who": "Bo",\n  "times": 1\n}\n');
  assert.equal(c.stderr(), "starting\n");
  const group = capture();
  assert.equal(await runCli(["data", "--json"], all, { io: group.io }), 0);
  assert.equal(group.stdout(), '"group"\n');
});

Deno.test("--json with an error: nothing on stdout, one line on stderr", async () => {
  const c = capture();
  assert.equal(await runCli(["greet", "--json", "--fail", "input"], all, { io: c.io }), 1);
  assert.equal(c.stdout(), "");
  assert.equal(c.stderr(), "starting\nerror: d.csv: expected rows, found none\n");
});

Deno.test("--quiet silences log lines but not results", async () => {
  const c = capture();
  assert.equal(await runCli(["greet", "--quiet"], all, { io: c.io }), 0);
  assert.equal(c.stdout(), "hello world\n");
  assert.equal(c.stderr(), "");
  assert.equal(lastCtx?.progress(10, "x").enabled, false);
});

Deno.test("exit codes: usage and config errors 2, input errors and bugs 1", async () => {
  const cases: [string, number, string][] = [
    ["usage", 2, "error: bad usage\n"],
    ["config", 2, "error: c.yaml:2: a: expected x, found y\n"],
    ["input", 1, "error: d.csv: expected rows, found none\n"],
    ["bug", 1, "error: boom (--verbose shows more)\n"],
    ["string", 1, "error: plain string\n"],
  ];
  for (const [kind, code, line] of cases) {
    const c = capture();
    assert.equal(await runCli(["greet", "--quiet", "--fail", kind], all, { io: c.io }), code, kind);
    assert.equal(c.stderr(), line, kind);
    assert.ok(!c.stderr().includes("    at "), "no stack trace without --verbose");
  }
});

Deno.test("--verbose prints the stack trace too", async () => {
  const c = capture();
  assert.equal(
    await runCli(["greet", "--quiet", "--fail", "bug", "--verbose"], all, { io: c.io }),
    1,
  );
  assert.ok(c.stderr().startsWith("error: boom\nsecond line\nTypeError: boom"), c.stderr());
  assert.match(c.stderr(), /\n {4}at /);
  assert.equal(lastCtx?.verbose, true);
});

Deno.test("flag mistakes exit 2 with a one-line hint", async () => {
  const c = capture();
  assert.equal(await runCli(["greet", "--tims", "3"], all, { io: c.io }), 2);
  assert.equal(
    c.stderr(),
    "error: unknown flag --tims for 'greet' (did you mean --times? see --help)\n",
  );
  const d = capture();
  assert.equal(await runCli(["greet", "--times", "x"], all, { io: d.io }), 2);
  assert.equal(d.stderr(), 'error: --times: expected an integer, found "x"\n');
  assert.equal(d.stdout(), "");
});

Deno.test("unknown or missing command exits 2 and lists the commands", async () => {
  const c = capture();
  assert.equal(await runCli(["gret"], all, { io: c.io }), 2);
  assert.equal(
    c.stderr(),
    "error: unknown command 'gret'; did you mean 'greet'? (commands: greet, data)\n",
  );
  const d = capture();
  assert.equal(await runCli([], all, { io: d.io, programName: "deno task" }), 2);
  assert.equal(
    d.stderr(),
    "error: missing command (commands: greet, data; see deno task --help)\n",
  );
  const e = capture();
  assert.equal(await runCli(["--frobnicate", "greet"], all, { io: e.io }), 2);
  assert.match(e.stderr(), /^error: unknown flag --frobnicate before the command/);
});

Deno.test("--help anywhere prints help on stdout and exits 0", async () => {
  for (const argv of [["--help"], ["-h"]]) {
    const c = capture();
    assert.equal(await runCli(argv, all, { io: c.io, programName: "deno task" }), 0);
    assert.ok(
      c.stdout().startsWith(
        "Usage: deno task <command> [flags]\n\nCommands:\n  greet   Say hello\n",
      ),
      c.stdout(),
    );
    assert.equal(c.stderr(), "");
  }
  for (const argv of [["greet", "--help"], ["greet", "--bogus", "-h"], ["--help", "greet"]]) {
    const c = capture();
    assert.equal(await runCli(argv, all, { io: c.io }), 0, argv.join(" "));
    assert.match(c.stdout(), /^Usage: cli greet \[flags\] \[<who>\]\n\nSay hello\n/);
    assert.match(c.stdout(), /--times <integer> +repetitions \(default: 1\)/);
  }
  const after = capture();
  assert.equal(await runCli(["greet", "--", "--help"], all, { io: after.io }), 0);
  assert.equal(after.stdout(), "hello --help\n");
});

Deno.test("subcommands are dispatched, with their own flags and help", async () => {
  const c = capture();
  assert.equal(await runCli(["data", "fetch", "--day=2024-01-02", "--json"], all, { io: c.io }), 0);
  assert.deepEqual(JSON.parse(c.stdout()), { day: "2024-01-02", path: "data fetch" });
  const h = capture();
  assert.equal(await runCli(["data", "fetch", "--help"], all, { io: h.io }), 0);
  assert.match(h.stdout(), /^Usage: cli data fetch \[flags\]/);
  const u = capture();
  assert.equal(await runCli(["data", "fecth"], all, { io: u.io }), 2);
  assert.equal(
    u.stderr(),
    "error: unknown subcommand 'fecth' for 'data'; did you mean 'fetch'? (subcommands: fetch)\n",
  );
});

Deno.test("global flags before the command name are honoured", async () => {
  const c = capture();
  assert.equal(await runCli(["--json", "greet"], all, { io: c.io }), 0);
  assert.deepEqual(JSON.parse(c.stdout()), { who: "world", times: 1 });
});

Deno.test("a command that redefines a global flag is a bug (exit 1)", async () => {
  const bad: Command = {
    name: "bad",
    summary: "",
    flags: [{ name: "json", type: "boolean", description: "" }],
    run: () => Promise.resolve(null),
  };
  const c = capture();
  assert.equal(await runCli(["bad"], [bad], { io: c.io }), 1);
  assert.equal(c.stderr(), "error: command 'bad' redefines global flag --json\n");
});

Deno.test("the registered version command reports the Deno version", async () => {
  const c = capture();
  assert.equal(await runCli(["version", "--json"], commands, { io: c.io }), 0);
  const result = JSON.parse(c.stdout());
  assert.equal(result.deno, Deno.version.deno);
  assert.ok(result.commit === null || /^[0-9a-f]{40}$/.test(result.commit));
  const h = capture();
  assert.equal(await runCli(["version"], commands, { io: h.io }), 0);
  assert.match(
    h.stdout(),
    new RegExp(`^deno ${Deno.version.deno.replaceAll(".", "\\.")}\ncommit `),
  );
});
