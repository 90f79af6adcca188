import { strict as assert } from "node:assert";
import { gitCommit } from "../../lib/core/git.ts";

const SHA_A = "1111111111111111111111111111111111111111";
const SHA_B = "2222222222222222222222222222222222222222";
const SHA_C = "3333333333333333333333333333333333333333";

async function makeRepo(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "git_test_" });
  for (const [name, text] of Object.entries(files)) {
    const path = `${dir}/${name}`;
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(path, text);
  }
  return dir;
}

async function withRepo(files: Record<string, string>, fn: (dir: string) => void): Promise<void> {
  const dir = await makeRepo(files);
  try {
    fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("HEAD pointing to a loose branch ref", async () => {
  await withRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/refs/heads/main": `${SHA_A}\n`,
  }, (dir) => assert.equal(gitCommit(dir), SHA_A));
});

Deno.test("a ref found only in packed-refs", async () => {
  await withRepo({
    ".git/HEAD": "ref: refs/heads/feature\n",
    ".git/packed-refs": `# pack-refs with: peeled fully-peeled sorted\n${SHA_B} refs/heads/main\n` +
      `${SHA_C} refs/heads/feature\n^${SHA_A}\n`,
  }, (dir) => assert.equal(gitCommit(dir), SHA_C));
});

Deno.test("a loose ref wins over a stale packed one", async () => {
  await withRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/packed-refs": `${SHA_B} refs/heads/main\n`,
    ".git/refs/heads/main": `${SHA_A}\n`,
  }, (dir) => assert.equal(gitCommit(dir), SHA_A));
});

Deno.test("detached HEAD holds the hash itself", async () => {
  await withRepo({ ".git/HEAD": `${SHA_B}\n` }, (dir) => assert.equal(gitCommit(dir), SHA_B));
});

Deno.test("a symbolic ref chain is followed", async () => {
  await withRepo({
    ".git/HEAD": "ref: refs/heads/alias\n",
    ".git/refs/heads/alias": "ref: refs/heads/main\n",
    ".git/refs/heads/main": `${SHA_C}\n`,
  }, (dir) => assert.equal(gitCommit(dir), SHA_C));
});

Deno.test("a branch with no commit yet gives null", async () => {
  await withRepo(
    { ".git/HEAD": "ref: refs/heads/main\n" },
    (dir) => assert.equal(gitCommit(dir), null),
  );
});

Deno.test("a self-referencing ref gives null instead of looping", async () => {
  await withRepo({
    ".git/HEAD": "ref: refs/heads/loop\n",
    ".git/refs/heads/loop": "ref: refs/heads/loop\n",
  }, (dir) => assert.equal(gitCommit(dir), null));
});

Deno.test("the repository is found from a subfolder", async () => {
  await withRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/refs/heads/main": `${SHA_A}\n`,
    "lib/deep/file.ts": "",
  }, (dir) => assert.equal(gitCommit(`${dir}/lib/deep`), SHA_A));
});

Deno.test("a linked worktree: .git file, own HEAD, refs in the common folder", async () => {
  await withRepo({
    "main/.git/HEAD": "ref: refs/heads/main\n",
    "main/.git/refs/heads/main": `${SHA_A}\n`,
    "main/.git/refs/heads/topic": `${SHA_B}\n`,
    "main/.git/worktrees/wt/HEAD": "ref: refs/heads/topic\n",
    "main/.git/worktrees/wt/commondir": "../..\n",
    "wt/.git": "gitdir: ../main/.git/worktrees/wt\n",
  }, (dir) => {
    assert.equal(gitCommit(`${dir}/main`), SHA_A);
    assert.equal(gitCommit(`${dir}/wt`), SHA_B);
  });
});

Deno.test("not a repository gives null", async () => {
  const dir = await Deno.makeTempDir({ prefix: "git_test_norepo_" });
  try {
    // Only meaningful when no folder above the temp dir is a repository.
    let above = false;
    for (let d = dir; d !== "/"; d = d.slice(0, d.lastIndexOf("/")) || "/") {
      try {
        Deno.statSync(`${d}/.git`);
        above = true;
      } catch { /* none here */ }
    }
    if (!above) assert.equal(gitCommit(dir), null);
    else assert.equal(typeof gitCommit(dir), "string");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SHA-256 repositories (64 hex digits) are supported", async () => {
  const sha256 = "ab".repeat(32);
  await withRepo({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/refs/heads/main": `${sha256}\n`,
  }, (dir) => assert.equal(gitCommit(dir), sha256));
});
