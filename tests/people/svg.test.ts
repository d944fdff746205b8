// src/content/images/svg.ts: which drawings can be published as they are, and the size they are shown at. The
// fixture tests/fixtures/pictures/unsafe-drawings has one drawing for each way of running code or
// fetching a file; these are the edges around them.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { svgHazard, svgSize } from "../../src/content/images/svg.ts";

const svg = (inner: string, attributes = 'width="10" height="10"') => `<svg xmlns="http://www.w3.org/2000/svg" ${attributes}>${inner}</svg>`;

describe("svgHazard", () => {
  const safe: [what: string, text: string][] = [
    ["a plain drawing", svg('<rect width="10" height="10" fill="#c33"/>')],
    ["references within the drawing", svg('<defs><linearGradient id="g"/></defs><rect style="fill:url(#g)" clip-path="url(\'#g\')"/><use href="#g"/>')],
    ["a link to a web page", svg('<a xlink:href="https://example.org/"><text>Source</text></a>', 'xmlns:xlink="http://www.w3.org/1999/xlink"')],
    ["an embedded raster picture and font", svg('<style>@font-face{src:url(data:font/woff2;base64,AAAA)}</style><image href="data:image/png;base64,iVBORw0KGgo="/>')],
    ["a script in a comment", svg("<!-- <script>alert(1)</script> -->")],
    ["Inkscape's namespaces and export paths", svg('<g inkscape:export-filename="/home/me/x.png" sodipodi:docname="x.svg"/>')],
  ];
  for (const [what, text] of safe) test(`${what} is safe`, () => assert.equal(svgHazard(text), null));

  const unsafe: [what: string, text: string, reason: RegExp][] = [
    ["an event handler in any case", svg('<rect ONCLICK="x()"/>'), /event handler/],
    ["an event handler on a namespaced attribute", svg('<rect ev:onclick="x()"/>'), /event handler/],
    ["javascript: written with character references", svg('<a href="&#106;avascript:alert(1)"><text>x</text></a>'), /javascript:/],
    ["a <script> with a namespace prefix", '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>x</s:script></s:svg>', /<s:script>/],
    ["an <iframe> in a label", svg('<foreignObject><iframe src="https://example.org"/></foreignObject>'), /<iframe>/],
    ["a <foreignObject> that never ends", svg("<foreignObject><div>"), /does not end/],
    ["a link to a file by a relative path", svg('<image href="photo.jpg"/>'), /another file/],
    ["an SVG embedded by data: in <use>", svg('<use href="data:image/svg+xml,%3Csvg%2F%3E"/>'), /data: address/],
    ["an @import in a style", svg("<style>@import 'x.css';</style>"), /@import/],
    ["an @import in CDATA", svg("<style><![CDATA[ @import url(x.css); ]]></style>"), /@import/],
    ["a script in CDATA, which an HTML parser would run", svg("<![CDATA[<script>alert(1)</script>]]>"), /<script>/],
    ["a handler in a tag that never ends", svg('<rect onclick="x()"'), /event handler/],
    ["entities declared without a DOCTYPE", `<!ENTITY x "y">${svg("")}`, /entities/],
  ];
  for (const [what, text, reason] of unsafe) {
    test(`${what} is refused`, () => assert.match(svgHazard(text) ?? "(safe)", reason));
  }
});

describe("svgSize", () => {
  const cases: [attributes: string, size: { width: number; height: number }][] = [
    ['width="320" height="180"', { width: 320, height: 180 }],
    ['width="320px" height="180px" viewBox="0 0 32 18"', { width: 320, height: 180 }],
    ['width="300pt" height="150pt"', { width: 400, height: 200 }],
    ['width="2in" height="1in"', { width: 192, height: 96 }],
    ['width="100%" height="100%" viewBox="0 0 412.5 196.2"', { width: 413, height: 196 }],
    ['width="200" viewBox="0 0 100 50"', { width: 200, height: 100 }],
    ['height="50" viewBox="0,0,100,25"', { width: 200, height: 50 }],
    ["", { width: 300, height: 150 }],
    ['width="-5" height="abc"', { width: 300, height: 150 }],
  ];
  for (const [attributes, size] of cases) test(attributes || "(no size)", () => assert.deepEqual(svgSize(svg("", attributes)), size));
});
