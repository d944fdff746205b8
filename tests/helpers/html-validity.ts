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
