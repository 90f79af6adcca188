import { strict as assert } from "node:assert";
import type { Command } from "../../lib/cli/command.ts";
import { renderCommandHelp, renderProgramHelp } from "../../lib/cli/help.ts";

const noop = () => Promise.resolve(null);

const replay: Command = {
  name: "replay",
  summary: "Replay a day of LOBSTER messages",
  description: "Feeds every message through the order book and checks it.",
  flags: [
    { name: "levels", type: "integer", description: "book levels per side", default: 10 },
    { name: "set", type: "string[]", description: "config override", valueName: "key=value" },
    { name: "checks", type: "boolean", description: "invariant checks", default: true },
    { name: "dry-run", type: "boolean", description: "parse only" },
  ],
  positionals: [
    { name: "file", description: "message file" },
    { name: "more", description: "more files", optional: true, variadic: true },
  ],
  run: noop,
};

Deno.test("command help: usage, summary, description, arguments, flags, global flags", () => {
  assert.equal(
    renderCommandHelp("deno task", replay),
    [
      "Usage: deno task replay [flags] <file> [<more>...]",
      "",
      "Replay a day of LOBSTER messages",
      "",
      "Feeds every message through the order book and checks it.",
      "",
      "Arguments:",
      "  <file>   message file",
      "  <more>   more files",
      "",
      "Flags:",
      "  --levels <integer>   book levels per side (default: 10)",
      "  --set <key=value>    config override (repeatable)",
      "  --[no-]checks        invariant checks (default: true)",
      "  --dry-run            parse only",
      "",
      "Global flags:",
      "  -h, --help   Show this help",
      "  --verbose    More detail; stack traces on errors",
      "  --json       Print only the JSON summary on stdout",
      "  --quiet      No log lines or progress bars on stderr",
      "",
    ].join("\n"),
  );
});

Deno.test("group help lists subcommands; program help lists commands", () => {
  const data: Command = {
    name: "data",
    summary: "Data tools",
    flags: [],
    subcommands: [{ name: "fetch", summary: "Fetch a day", flags: [], run: noop }, replay],
    run: noop,
  };
  const text = renderCommandHelp("cli", data);
  assert.ok(text.startsWith("Usage: cli data <subcommand> [flags]\n"));
  assert.ok(
    text.endsWith(
      "\nSubcommands:\n  fetch    Fetch a day\n  replay   Replay a day of LOBSTER messages\n",
    ),
    text,
  );
  assert.ok(!text.includes("Flags:\n"), "no own flags section when there are none");
  assert.ok(
    renderCommandHelp("cli", replay, ["data", "replay"]).startsWith("Usage: cli data replay "),
  );

  const program = renderProgramHelp("deno task", [data, replay]);
  assert.ok(
    program.startsWith(
      "Usage: deno task <command> [flags]\n\nCommands:\n  data     Data tools\n  replay   Replay",
    ),
    program,
  );
  assert.match(program, /Run 'deno task <command> --help' for a command's flags\.\n$/);
  assert.match(renderProgramHelp("x", []), /\(none yet\)/);
});
