/**
 * src/site/redirects.ts: the three forms of the redirects, exactly as written, under a path prefix and
 * with addresses in other scripts; the page at an old address passes the validity rules every
 * page of the site passes.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { HtmlValidate } from "html-validate";
import type { Redirect } from "../../src/site/old-urls.ts";
import { nginxMap, redirectPage, redirectsFile } from "../../src/site/redirects.ts";

const SITE = { url: "https://user.github.io", pathPrefix: "/news/", lang: "en" };

const REDIRECTS: Redirect[] = [
  { from: "/2019/10/01/withdrawal.html", to: "/articles/withdrawal/", title: "Troops leave <Syria> & “Iraq”", file: "articles/withdrawal.md" },
  { from: "/blog/café/", to: "/articles/café-talk/#second part", title: "Café", file: "articles/cafe.md" },
  { from: "/old page/", to: "https://elsewhere.example/x?a=1&b=2", title: null, file: "articles/away.md" },
  { from: "/cost$/", to: "/articles/cost$/", title: "Cost", file: "articles/cost.md" },
];

describe("the page at an old address", () => {
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended", "html-validate:a11y", "html-validate:document"],
    rules: { "require-sri": ["error", { target: "crossorigin" }] },
  });

  for (const redirect of REDIRECTS) {
    test(`${redirect.from} → ${redirect.to}: valid, refreshes at once, canonical, noindex, a visible link`, async () => {
      const page = redirectPage(SITE, redirect);
      const report = await validator.validateString(page, "redirect.html");
      assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)), []);
      assert.match(page, /<meta name="robots" content="noindex">/);
      const target = /<meta http-equiv="refresh" content="0; url=([^"]*)">/.exec(page)?.[1];
      const link = /<a href="([^"]*)">/.exec(page)?.[1];
      const canonical = /<link rel="canonical" href="([^"]*)">/.exec(page)?.[1];
      assert.equal(link, target);
      assert.ok(target !== undefined && canonical !== undefined);
      if (redirect.to.startsWith("https:")) {
        assert.equal(target, "https://elsewhere.example/x?a=1&amp;b=2");
        assert.equal(canonical, target);
      } else {
        assert.ok(target.startsWith("/news/articles/"), target);
        assert.equal(canonical, new URL(target.replace(/#.*$/, ""), "https://user.github.io").href);
      }
    });
  }

  test("everything from front-matter is escaped, and a long title is cut to html-validate's limit", () => {
    const page = redirectPage(SITE, REDIRECTS[0]!);
    assert.match(page, /<title>Moved: Troops leave &lt;Syria&gt; &amp; “Iraq”<\/title>/);
    assert.match(page, />Troops leave &lt;Syria&gt; &amp; “Iraq”<\/a>/);
    const long = redirectPage(SITE, { ...REDIRECTS[0]!, title: "word ".repeat(40) });
    assert.ok(/<title>(.*)<\/title>/.exec(long)![1]!.length <= 70);
  });

  test("addresses keep their letters, and characters no URL may hold are encoded", () => {
    const page = redirectPage(SITE, REDIRECTS[1]!);
    assert.match(page, /url=\/news\/articles\/café-talk\/#second%20part"/);
    assert.match(page, /<link rel="canonical" href="https:\/\/user\.github\.io\/news\/articles\/caf%C3%A9-talk\/">/);
  });

  test("a right-to-left site gives its page a direction", () => {
    assert.match(redirectPage({ ...SITE, lang: "ar" }, REDIRECTS[0]!), /<html lang="ar" dir="rtl">/);
  });
});

describe("_redirects (Netlify, Cloudflare Pages)", () => {
  test("one `from to 301` line each, path prefix added, percent-encoded", () => {
    assert.equal(
      redirectsFile(SITE, REDIRECTS),
      [
        "# Old addresses of this archive, written by news-archive build (Netlify, Cloudflare Pages).",
        "/news/2019/10/01/withdrawal.html /news/articles/withdrawal/ 301",
        "/news/blog/caf%C3%A9/ /news/articles/caf%C3%A9-talk/#second%20part 301",
        "/news/old%20page/ https://elsewhere.example/x?a=1&b=2 301",
        "/news/cost$/ /news/articles/cost$/ 301",
        "",
      ].join("\n"),
    );
  });

  test("a _redirects the project brings keeps its rules, first", () => {
    const text = redirectsFile({ pathPrefix: "/" }, REDIRECTS.slice(0, 1), "/shop /store 302\n");
    assert.equal(text, "/shop /store 302\n\n# Old addresses of this archive, written by news-archive build (Netlify, Cloudflare Pages).\n/2019/10/01/withdrawal.html /articles/withdrawal/ 301\n");
  });
});

describe("the nginx map", () => {
  test("decoded keys as nginx compares them, encoded targets, quoted; $ never read as a variable", () => {
    assert.equal(
      nginxMap(SITE, REDIRECTS),
      [
        "# Old addresses of this archive, written by news-archive build. In nginx's http {} block:",
        "#     include nginx-redirects.conf;   (with the path of the built site)",
        "# and in the server {} block:",
        "#     if ($news_archive_redirect) { return 301 $news_archive_redirect; }",
        "map $uri $news_archive_redirect {",
        '    "/news/2019/10/01/withdrawal.html" "/news/articles/withdrawal/";',
        '    "/news/blog/café/" "/news/articles/caf%C3%A9-talk/#second%20part";',
        '    "/news/old page/" "https://elsewhere.example/x?a=1&b=2";',
        '    "/news/cost$/" "/news/articles/cost%24/";',
        "}",
        "",
      ].join("\n"),
    );
  });

  test("keys too long for nginx's default hash come with the sizes that fit them", () => {
    const long = nginxMap({ pathPrefix: "/" }, [{ ...REDIRECTS[0]!, from: `/${"x".repeat(100)}/` }]);
    assert.match(long, /#     map_hash_bucket_size 128;/);
    assert.doesNotMatch(nginxMap({ pathPrefix: "/" }, [REDIRECTS[0]!]), /map_hash/);
  });

  test("with no redirects it is still a valid, empty map, so an include of it never breaks", () => {
    assert.match(nginxMap(SITE, []), /map \$uri \$news_archive_redirect \{\n\}\n$/);
  });
});
