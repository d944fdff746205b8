// A site served under a path prefix: every link a page holds carries it, a body's picture and its
// link to another article too (in the page and in the feeds), while the rendered bodies and their
// keys hold none. So a build that changes only the prefix renders no body and re-indexes no search
// shard: only the pages, which show the prefix, are made again. tests/fixtures/sites/prefix: two
// articles, one showing a picture beside it and linking to the other.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildOk, FIXTURES, projectFrom, removeTempDirs } from "../helpers/project.ts";
import { decodeEntities, readPage } from "../helpers/site.ts";

after(removeTempDirs);

interface Stats {
  details: Record<string, string>;
}

/** A build with `--path-prefix prefix`: its stage details, what it said, and the chart article's page. */
async function buildUnder(root: string, prefix: string): Promise<{ details: Record<string, string>; stdout: string; out: string; page: string }> {
  const statsFile = path.join(root, "stats.json");
  const { out, stdout } = await buildOk(root, { args: ["--path-prefix", prefix, "--explain"], env: { NEWS_ARCHIVE_STATS: statsFile } });
  const { details } = JSON.parse(await readFile(statsFile, "utf8")) as Stats;
  return { details, stdout, out, page: await readPage(out, "/articles/the-chart/") };
}

/** Every address the body's picture is fetched from: its img's src and each srcset candidate. */
function pictureUrls(html: string): string[] {
  const picture = /<picture>.*?<\/picture>/s.exec(html)?.[0] ?? assert.fail("the body has no <picture>");
  const src = [...picture.matchAll(/ src="([^"]+)"/g)].map((m) => m[1]!);
  const srcset = [...picture.matchAll(/ srcset="([^"]+)"/g)].flatMap((m) => m[1]!.split(", ").map((c) => c.split(" ")[0]!));
  return [...src, ...srcset];
}

describe("a body's picture and link under a path prefix", { concurrency: false }, () => {
  let root: string;

  test("under /news/, the picture and the link carry the prefix, in the page and in the feeds", async () => {
    root = await projectFrom("prefix", path.join(FIXTURES, "sites", "prefix"));
    const { out, page } = await buildUnder(root, "/news/");
    const urls = pictureUrls(page);
    assert.ok(urls.length >= 3, `a picture in several formats: ${urls.join(" ")}`);
    for (const url of urls) {
      assert.match(url, /^\/news\/img\/[0-9a-f]+-\d+\.(avif|webp|png)$/);
      assert.ok(existsSync(path.join(out, url.slice("/news/".length))), `${url} is not in the site`);
    }
    assert.match(page, /<a href="\/news\/articles\/the-announcement\/">the announcement<\/a>/);
    const atom = decodeEntities(await readFile(path.join(out, "feed.xml"), "utf8"));
    const json = JSON.parse(await readFile(path.join(out, "feed.json"), "utf8")) as { items: { url: string; content_html: string }[] };
    const item = json.items.find((i) => i.url === "https://example.org/news/articles/the-chart/") ?? assert.fail("the JSON feed has no item for the chart");
    for (const body of [atom, item.content_html]) {
      assert.match(body, /<img src="\/news\/img\/[0-9a-f]+-\d+\.png"/);
      assert.match(body, /<a href="\/news\/articles\/the-announcement\/">the announcement<\/a>/);
    }
  });

  test("changing only the prefix renders no body and re-indexes no search shard; the pages show the new prefix", async () => {
    const { details, stdout, page } = await buildUnder(root, "/");
    assert.equal(details.render, "2 articles (all from cache)");
    assert.match(details.search ?? "", /in (\d+) shards?, \1 from cache$/);
    assert.match(stdout, /^ {2}\d+ pages and \d+ feeds: the site's settings changed \(pathPrefix\)$/m);
    for (const url of pictureUrls(page)) assert.match(url, /^\/img\//);
    assert.match(page, /<a href="\/articles\/the-announcement\/">the announcement<\/a>/);
  });
});
