// The swap's last step deletes the replaced site under a name of its own, `<out>.trash-<pid>`. A
// build killed while deleting leaves it half deleted: no later build may take it for the last good
// site, even when the output folder itself has gone since, and the next build removes it.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs, runBuild } from "../helpers/project.ts";
import { hashTree } from "../helpers/site.ts";

after(removeTempDirs);

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
