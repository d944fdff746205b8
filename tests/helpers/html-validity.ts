// html-validate with the rules every built page must pass, shared by the validity tests of our own
// sites and of the real archives.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { listFiles } from "./site.ts";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended", "html-validate:a11y", "html-validate:document"],
  rules: {
    // The document preset asks for an `integrity` hash on every stylesheet and script, also the
    // site's own. Against what SRI guards (a CDN or third party altering a file), a same-origin
    // hash adds nothing: whoever can alter /style.css on the host can alter the page that names
    // its hash. It would break pages for readers whose browser cached the old style.css after a
    // deploy (the file names carry no version), and `serve`'s stylesheet hot swap, which fetches
    // the new file under the old page. So it is required where it protects: on any file from
    // another origin, which none of the pages loads (the browser tests block and count them).
    "require-sri": ["error", { target: "crossorigin" }],
    // HTML allows any id without spaces. The strict form (a letter first, then letters, digits, _
    // and -) is a convenience for CSS selectors; an article's heading ids are as GitHub and Hugo
    // gave them ("5000-us-troops-…" for a heading that starts with a number), and the #fragment
    // links written for the original site depend on them.
    "valid-id": ["error", { relaxed: true }],
    // A search-engine heuristic (70 characters), not validity: a page's title is its headline and
    // the site's name, and a news headline is kept whole, as written, however long.
    "long-title": "off",
  },
});

/** Every .html file under `out` validated: how many, and one "file:line:column rule: message" per problem. */
export async function validateSite(out: string): Promise<{ pages: number; problems: string[] }> {
  const pages = (await listFiles(out)).filter((f) => f.endsWith(".html"));
  const problems: string[] = [];
  for (const file of pages) {
    const report = await validator.validateString(await readFile(path.join(out, file), "utf8"), file);
    for (const message of report.results.flatMap((r) => r.messages)) {
      problems.push(`${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
    }
  }
  return { pages: pages.length, problems };
}
