/**
 * The current git commit, read straight from the `.git` folder (HEAD, loose
 * refs, `packed-refs`; linked worktrees too) without running `git`, so that no
 * `--allow-run` permission is needed. Only `--allow-read` is; without it the
 * answer is `null` (never a permission prompt).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { gitCommit } from "./git.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/.git/refs/heads`, { recursive: true });
 * await Deno.writeTextFile(`${dir}/.git/HEAD`, "ref: refs/heads/main\n");
 * assert(gitCommit(dir) === null); // no commit yet
 * const sha = "0123456789abcdef0123456789abcdef01234567";
 * await Deno.writeTextFile(`${dir}/.git/refs/heads/main`, `${sha}\n`);
 * assert(gitCommit(dir) === sha);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { dirname, join, resolve } from "node:path";

const HASH = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const MAX_REF_DEPTH = 10;

/** Whether `path` may be read without a permission prompt. */
function mayRead(path: string): boolean {
  try {
    return Deno.permissions.querySync({ name: "read", path }).state === "granted";
  } catch {
    return false;
  }
}

function readText(path: string): string | null {
  if (!mayRead(path)) return null;
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return null;
  }
}

function isDirectory(path: string): boolean | null {
  if (!mayRead(path)) return null;
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return null;
  }
}

/** The git folder for `startDir` or one of its parents, and its common folder. */
function findGitDirs(startDir: string): { gitDir: string; commonDir: string } | null {
  let dir = resolve(startDir);
  for (;;) {
    const dotGit = join(dir, ".git");
    const kind = isDirectory(dotGit);
    let gitDir: string | null = null;
    if (kind === true) gitDir = dotGit;
    else if (kind === false) {
      // A linked worktree or submodule: `.git` is a file "gitdir: <path>".
      const match = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit) ?? "");
      if (match) gitDir = resolve(dir, match[1]);
    }
    if (gitDir !== null) {
      const common = readText(join(gitDir, "commondir"));
      const commonDir = common === null ? gitDir : resolve(gitDir, common.trim());
      return { gitDir, commonDir };
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function lookUpPackedRef(commonDir: string, name: string): string | null {
  const packed = readText(join(commonDir, "packed-refs"));
  if (packed === null) return null;
  for (const line of packed.split("\n")) {
    if (line.startsWith("#") || line.startsWith("^")) continue;
    const [hash, ref] = line.trim().split(/\s+/);
    if (ref === name && HASH.test(hash)) return hash;
  }
  return null;
}

function resolveRef(
  dirs: { gitDir: string; commonDir: string },
  content: string,
  depth: number,
): string | null {
  const text = content.trim();
  if (HASH.test(text)) return text;
  if (!text.startsWith("ref:") || depth > MAX_REF_DEPTH) return null;
  const name = text.slice(4).trim();
  const loose = readText(join(dirs.gitDir, name)) ?? readText(join(dirs.commonDir, name));
  if (loose !== null) return resolveRef(dirs, loose, depth + 1);
  return lookUpPackedRef(dirs.commonDir, name);
}

/**
 * The commit hash that HEAD points to in the repository containing `repoDir`
 * (searched upwards like git does), or `null` when there is no repository, no
 * commit yet, or the files cannot be read.
 */
export function gitCommit(repoDir = "."): string | null {
  const dirs = findGitDirs(repoDir);
  if (dirs === null) return null;
  const head = readText(join(dirs.gitDir, "HEAD"));
  return head === null ? null : resolveRef(dirs, head, 0);
}
