/**
 * Shared helpers for the LOBSTER tests: paths of the committed fixture and of
 * the real sample data beside the repository, and an assertion for the
 * `InputError`s the parsers throw.
 *
 * @module
 */

import { strict as assert } from "node:assert";
import { fileURLToPath } from "node:url";
import { InputError } from "../../../lib/core/errors.ts";

/** Folder of the committed AAPL fixture (first 500 rows). */
export const FIXTURE_DIR = fileURLToPath(new URL("../../fixtures/lobster/", import.meta.url));

/** Folder of the full LOBSTER sample files, `../shared/data/lobster` from the repository root. */
export const SHARED_DIR = fileURLToPath(
  new URL("../../../../shared/data/lobster/", import.meta.url),
);

/** `AAPL_2012-06-21_34200000_57600000_${kind}_10.csv` */
export function aaplName(kind: "message" | "orderbook"): string {
  return `AAPL_2012-06-21_34200000_57600000_${kind}_10.csv`;
}

/** Whether the shared sample folder is present (CI has it beside the repository). */
export function sharedDataPresent(): boolean {
  try {
    return Deno.statSync(SHARED_DIR).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Runs `fn`, expects an `InputError` located at `file`:`line` whose message
 * contains every fragment, and returns it.
 */
export function assertInputError(
  fn: () => unknown,
  file: string,
  line: number | undefined,
  ...fragments: string[]
): InputError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  return checkInputError(caught, file, line, fragments);
}

/** Async form of {@linkcode assertInputError}. */
export async function assertInputErrorAsync(
  fn: () => Promise<unknown>,
  file: string,
  line: number | undefined,
  ...fragments: string[]
): Promise<InputError> {
  let caught: unknown;
  try {
    await fn();
  } catch (error) {
    caught = error;
  }
  return checkInputError(caught, file, line, fragments);
}

function checkInputError(
  caught: unknown,
  file: string,
  line: number | undefined,
  fragments: string[],
): InputError {
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.equal(caught.location?.file, file);
  assert.equal(caught.location?.line, line);
  const where = line === undefined ? `${file}: ` : `${file}:${line}: `;
  assert.ok(
    caught.message.startsWith(where),
    `message should start with ${where}: ${caught.message}`,
  );
  for (const fragment of fragments) {
    assert.ok(
      caught.message.includes(fragment),
      `message should contain ${JSON.stringify(fragment)}: ${caught.message}`,
    );
  }
  return caught;
}
