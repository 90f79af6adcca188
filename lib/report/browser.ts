/**
 * Headless Chromium (Debian's `/usr/bin/chromium`) driven by
 * `npm:playwright-core`, for figure export and the browser test. Never
 * downloads a browser. Needs --allow-run=/usr/bin/chromium, --allow-env,
 * --allow-read, --allow-write (profile in the temp folder) and
 * --allow-sys; playwright talks to Chromium over a pipe.
 * @module
 */

import type { Browser } from "playwright-core";

/** Where the report expects Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags for a quiet, offline headless Chromium. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** Whether Chromium is installed at {@linkcode CHROMIUM_PATH}. */
export async function chromiumAvailable(): Promise<boolean> {
  try {
    return (await Deno.stat(CHROMIUM_PATH)).isFile;
  } catch {
    return false;
  }
}

/** Launches headless Chromium (caller closes it). */
export async function launchChromium(): Promise<Browser> {
  // playwright-core probes /proc/sys/fs/binfmt_misc at load time to detect
  // WSL, which Deno allows only with --allow-all; this variable makes the
  // probe lazy (it is never called on Linux launches).
  if (Deno.env.get("__IS_WSL_TEST__") === undefined) Deno.env.set("__IS_WSL_TEST__", "1");
  const { chromium } = await import("playwright-core");
  return await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
