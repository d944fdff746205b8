// The swap's last step moves the replaced site into .cache/news-archive/trash/, which the next
// build empties while it works; where it cannot be moved there, it is deleted at once under a name
// of its own, `<out>.trash-<pid>`. A build killed while deleting leaves that half deleted: no later
// build may take it for the last good site, even when the output folder itself has gone since, and
// the next build removes it.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs, runBuild } from "../helpers/project.ts";
import { hashTree } from "../helpers/site.ts";

after(removeTempDirs);

describe("the replaced site", () => {
  test("goes to the trash, never beside the output, and the next build deletes it", async () => {
    const root = await projectFrom("trash", path.join(FIXTURES, "sites", "pages"));
    const trash = path.join(root, ".cache", "news-archive", "trash");
    const { out } = await buildOk(root);
    assert.deepEqual(await readdir(trash).catch(() => []), [], "a first build replaces no site");
    for (const build of [2, 3, 4]) {
      await buildOk(root);
      assert.equal((await readdir(trash)).length, 1, `build ${build}: only the site it replaced is in the trash`);
      assert.deepEqual((await readdir(root)).filter((f) => f.startsWith("_site")), ["_site"], "leftovers beside the site");
    }
    assert.ok((await hashTree(out))["index.html"]);
  });

  test("an output folder inside the trash is refused", async () => {
    const root = await projectFrom("trash-out", path.join(FIXTURES, "sites", "pages"));
    const { code, stderr } = await runBuild(root, { out: path.join(root, ".cache", "news-archive", "trash", "site") });
    assert.equal(code, 1);
    assert.match(stderr, /refusing to build into .*: the output folder is replaced on every build/);
  });
});

describe("a half-deleted old site left by a killed build", () => {
  test("is never taken for the site, and the next good build removes it", async () => {
    const root = await projectFrom("trash", path.join(FIXTURES, "sites", "pages"));
    const { out } = await buildOk(root);
    const whole = await hashTree(out);
    const trash = `${out}.trash-4242`;
    await rename(out, trash);
    await rm(path.join(trash, "articles"), { recursive: true });

    // A failed build keeps the last good site; a half-deleted one is not that, so there is none.
    const broken = path.join(root, "articles", "broken.md");
    await writeFile(broken, "---\ntitle: [unclosed\n---\nBody.\n");
    assert.equal((await runBuild(root)).code, 1);
    assert.deepEqual((await readdir(root)).filter((f) => f.startsWith("_site")), ["_site.trash-4242"]);

    await rm(broken);
    await buildOk(root);
    assert.deepEqual(await hashTree(out), whole);
    assert.deepEqual((await readdir(root)).filter((f) => f.startsWith("_site")), ["_site"], "leftovers beside the site");
  });
});
