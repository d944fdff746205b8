/**
 * The checker the catalogue relies on (site-safety.ts) must see what a browser would run, and
 * must not mistake escaped text for markup: otherwise "no violations" would prove nothing.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isScriptUrl, markupViolations } from "./site-safety.ts";

describe("the site safety checker", () => {
  const LIVE: [string, string][] = [
    ["an inline script", `<p>x</p><script>alert(1)</script>`],
    ["a script from elsewhere", `<script src="https://evil.example/x.js"></script>`],
    ["a protocol-relative script", `<script src="//evil.example/x.js"></script>`],
    ["JSON-LD that could close its element", `<script type="application/ld+json">{"a":"</script><script>alert(1)"}</script>`],
    ["an event handler", `<img src="/a.png" alt="" onerror="alert(1)">`],
    ["an unquoted event handler", `<b onclick=alert(1)>x</b>`],
    ["an upper-case handler", `<a href="/" ONMOUSEOVER="alert(1)">x</a>`],
    ["a javascript: link", `<a href="javascript:alert(1)">x</a>`],
    ["a javascript: link with entities and spaces", `<a href="  jav&#x09;ascript:alert(1)">x</a>`],
    ["a data: image", `<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="">`],
    ["a vbscript: form", `<form action="vbscript:msgbox"></form>`],
    ["an iframe", `<iframe src="/x/"></iframe>`],
    ["a style element", `<style>body{display:none}</style>`],
    ["a style attribute", `<p style="background:url(javascript:alert(1))">x</p>`],
    ["a meta refresh", `<meta http-equiv="refresh" content="0; url=https://evil.example/">`],
    ["a base element", `<base href="https://evil.example/">`],
    ["an SVG animation setting a link", `<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>`],
    ["a tag left unclosed", `<p>x</p><img src=x onerror=alert(1)//`],
  ];
  for (const [what, markup] of LIVE) {
    test(`finds ${what}`, () => assert.notDeepEqual(markupViolations(markup, "page"), []));
  }

  const INERT: [string, string][] = [
    ["escaped markup in text", `<h1>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</h1>`],
    ["handler text inside a quoted attribute", `<meta name="description" content="&lt;img src=x onerror=alert(1)&gt; onload=x">`],
    ["a quote that does not end the attribute", `<a href="https://example.com/?q=&quot;&gt;&lt;script&gt;" rel="nofollow">x</a>`],
    ["JSON-LD with < escaped", `<script type="application/ld+json">{"headline":"\\u003cscript\\u003e"}</script>`],
    ["the site's own script by path", `<script type="module" src="/search.js"></script>`],
    ["the words javascript: in text", `<p>javascript:alert(1)</p>`],
    ["a doctype and a comment", `<!doctype html><!-- <script>alert(1)</script> --><p>x</p>`],
  ];
  for (const [what, markup] of INERT) {
    test(`passes ${what}`, () => assert.deepEqual(markupViolations(markup, "page"), []));
  }

  test("script and data URLs are recognised the way a browser strips them", () => {
    for (const url of ["javascript:x", " JavaScript:x", "\tjava\nscript:x", "data:text/html,x", "VBSCRIPT:x"]) assert.ok(isScriptUrl(url), url);
    for (const url of ["https://example.org/", "/articles/x/", "mailto:desk@example.org", "#main", "javascript-guide/"]) assert.ok(!isScriptUrl(url), url);
  });

  test("inside a feed, any script is a violation", () => {
    assert.notDeepEqual(markupViolations(`<script type="application/ld+json">{}</script>`, "feed", { fragment: true }), []);
  });
});
