// The `news-archive` command. Argument parsing and printing only (the help texts are in help.ts);
// the work is in build/build.ts, serve.ts, check.ts, new-article.ts and import-clipping.ts, each
// imported by the command that needs it (a build loads Eleventy in its own thread, not here).
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { BuildFailure } from "../build/failure.ts";
import { BuildThread } from "../build/thread.ts";
import type { Clipping } from "./import-clipping.ts";
import type { NewArticle } from "./new-article.ts";
import { formatProblem, plural, type Problem } from "../content/problems.ts";
import { formatReport, strictly } from "./report.ts";
import type { ProgressListener } from "../build/stages.ts";
import type { SiteOverrides } from "../site-config.ts";
import { BUILD_HELP, CHECK_HELP, COMMAND_HELP, HELP, IMPORT_HELP, NEW_HELP, SERVE_HELP } from "./help.ts";

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `news-archive check | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    return await run(command, rest);
  } catch (error) {
    // node:util parseArgs: an unknown option, or one missing its value.
    if (command !== undefined && String((error as NodeJS.ErrnoException).code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`news-archive ${command}: ${(error as Error).message}\n\n${COMMAND_HELP[command] ?? HELP}`);
      return 2;
    }
    throw error;
  }
}

async function run(command: string | undefined, rest: string[]): Promise<number> {
  switch (command) {
    case "build":
      return build(rest);
    case "serve":
      return serveCommand(rest);
    case "new":
      return newCommand(rest);
    case "import":
      return importCommand(rest);
    case "check":
      return checkCommand(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(HELP);
      return 0;
    default:
      console.error(`news-archive: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

async function build(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: "string" },
      "path-prefix": { type: "string" },
      "site-url": { type: "string" },
      strict: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      explain: { type: "boolean", default: false },
      root: { type: "string", default: "." },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(BUILD_HELP);
    return 0;
  }
  const out = values.out ?? "_site";
  const overrides = { pathPrefix: values["path-prefix"], url: values["site-url"] };
  const thread = new BuildThread();
  const outcome = await thread.build(
    {
      root: values.root,
      // --out is a path typed in this folder; the default lives in the project folder.
      out: values.out === undefined ? "_site" : path.resolve(values.out),
      site: overrides,
      strict: values.strict,
    },
    progressLine(),
  );
  await thread.close();
  if (!outcome.ok) return reportFailure(outcome.failure, out, values.verbose);
  const { result } = outcome;
  if (process.env.NEWS_ARCHIVE_STATS !== undefined) {
    // For `npm run bench`: the stages and this process's own peak memory (the build thread's included).
    const stats = { articles: result.articles, pages: result.pages, stages: result.stages, details: result.details, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    await writeFile(process.env.NEWS_ARCHIVE_STATS, JSON.stringify(stats));
  }
  printReport([], result.warnings, values.verbose);
  // Said of a site that was built: a failed build's one line stays the only one.
  await noteDemoSettings(values.root, overrides);
  const seconds = (result.milliseconds / 1000).toFixed(2);
  console.log(
    `Built ${plural(result.articles, "article")} into ${result.pages} pages in ${seconds} s: ${result.out}` +
      (result.warnings.length > 0 ? ` (${plural(result.warnings.length, "warning")})` : "") +
      draftsLine(result.draftsLeftOut),
  );
  // build --explain: why each page and feed that was not reused from the last build was made again.
  if (values.explain) for (const line of ["Made again:", ...result.remade.map((reason) => `  ${reason}`)]) console.log(line);
  return 0;
}

/** A draft is left out of the site on purpose, but a count that only shrinks would look like a loss. */
function draftsLine(drafts: number): string {
  if (drafts === 0) return "";
  // A draft is marked by draft: true, published: false or a _drafts/ folder, as its generator wrote it.
  const it = drafts === 1 ? "it" : "them";
  return `; ${plural(drafts, "draft")} left out (serve shows ${it}; draft: true, published: false or a _drafts/ folder marks a draft)`;
}

/** On a terminal, one line per finished stage with the time so far; elsewhere (CI, logs) nothing but the summary. */
function progressLine(): ProgressListener | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = performance.now();
  return ({ stage, detail }) => {
    const elapsed = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`  ${elapsed.padStart(5)} s  ${stage}${detail === "" ? "" : `: ${detail}`}\n`);
  };
}

function printReport(errors: readonly Problem[], warnings: readonly Problem[], verbose: boolean): void {
  for (const line of formatReport(errors, warnings, { verbose })) console.error(line);
}

function reportFailure(failure: BuildFailure, out: string, verbose: boolean): number {
  if (failure.kind === "problems") {
    printReport(failure.problems, failure.warnings, verbose);
    console.error(`\n${failure.summary}. Nothing was built; ${out}/ is as it was.`);
  } else {
    console.error(`news-archive: ${failure.message}${failure.write ? ". " : "\n"}The last good site in ${out}/ is as it was.`);
  }
  return 1;
}

async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "8080" },
      root: { type: "string", default: "." },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(SERVE_HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`news-archive serve: --port ${values.port} is not a port number (0 to 65535)`);
    return 2;
  }
  const root = await projectFolder("serve", values.root);
  if (root === null) return 2;
  await noteDemoSettings(root);
  const { serve } = await import("./serve.ts");
  return serve({ root, port });
}

async function newCommand(args: string[]): Promise<number> {
  const { existingArticles, prepareArticle, today, writeArticle } = await import("./new-article.ts");
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      date: { type: "string" },
      tags: { type: "string" },
      source: { type: "string" },
      author: { type: "string" },
      slug: { type: "string" },
      draft: { type: "boolean", default: false },
      root: { type: "string", default: "." },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(NEW_HELP);
    return 0;
  }
  const title = positionals.join(" ").trim();
  if (title === "") {
    console.error(`news-archive new: give the article's title: news-archive new "What happened"\n\n${NEW_HELP}`);
    return 2;
  }
  const root = await projectFolder("new", values.root);
  if (root === null) return 2;
  const prepared = prepareArticle(
    {
      title,
      date: values.date ?? today(),
      source: values.source ?? null,
      authors: values.author === undefined ? [] : [values.author],
      tags: splitTags(values.tags),
      draft: values.draft,
      slug: values.slug ?? null,
    },
    (await existingArticles(root)).slugs,
  );
  if (!prepared.ok) return refuse("new", prepared.problems);
  const exists = await writeArticle(root, prepared);
  if (exists !== null) return refuse("new", [exists]);
  console.log(`Wrote ${prepared.file}`);
  console.log(`Write the article below its front-matter; "npm start" (news-archive serve) shows it at /articles/${prepared.slug}/.`);
  return 0;
}

async function importCommand(args: string[]): Promise<number> {
  const { existingArticles, freeSlug, prepareArticle, slugFromTitle, titleKey, today, writeArticle } = await import("./new-article.ts");
  const { clippingArticle, parseClipping } = await import("./import-clipping.ts");
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      source: { type: "string" },
      date: { type: "string" },
      tags: { type: "string" },
      lang: { type: "string" },
      draft: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      root: { type: "string", default: "." },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(IMPORT_HELP);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`news-archive import: give one or more clipping files: news-archive import clipping.txt\n\n${IMPORT_HELP}`);
    return 2;
  }
  const root = await projectFolder("import", values.root);
  if (root === null) return 2;
  const existing = await existingArticles(root);
  const date = today();
  let failed = 0;
  for (const input of positionals) {
    let text: string;
    try {
      // Strict: a clipping in another encoding would otherwise have its letters silently replaced.
      text = new TextDecoder("utf-8", { fatal: true }).decode(await readFile(input));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      console.error(
        code === "ERR_ENCODING_INVALID_ENCODED_DATA"
          ? `error: ${input}: is not UTF-8 text; convert it first, e.g. iconv -f windows-1252 -t utf-8 ${input} > clipping.txt`
          : `error: ${input}: cannot be read (${code ?? (error as Error).message})`,
      );
      failed++;
      continue;
    }
    const clipping = parseClipping(text);
    if ("error" in clipping) {
      console.error(`error: ${input}: ${clipping.error}`);
      failed++;
      continue;
    }
    const article = clippingArticle(clipping, { ...values, tags: splitTags(values.tags) }, date);
    const copy = existing.titles.get(titleKey(article.title));
    if (copy !== undefined && !values.force) {
      console.error(
        formatProblem(
          {
            kind: "url-taken",
            file: input,
            field: "title",
            message: `is already in the archive: ${copy} has the title ${JSON.stringify(article.title)}`,
            fix: "nothing to do if it is the same article; to import it again as another article, add --force",
          },
          "error",
        ),
      );
      failed++;
      continue;
    }
    // Forced, the second copy takes the next free URL: the first keeps its own.
    if (copy !== undefined) article.slug = freeSlug(slugFromTitle(article.title), existing.slugs);
    const prepared = prepareArticle(article, existing.slugs);
    if (!prepared.ok) {
      for (const p of prepared.problems) console.error(formatProblem({ ...p, file: `${input} → ${p.file}` }, "error"));
      failed++;
      continue;
    }
    const exists = values["dry-run"] ? null : await writeArticle(root, prepared);
    if (exists !== null) {
      console.error(formatProblem(exists, "error"));
      failed++;
      continue;
    }
    existing.slugs.set(prepared.slug, prepared.file);
    existing.titles.set(titleKey(article.title), prepared.file);
    console.log(importReport(input, prepared.file, clipping, article, values["dry-run"]));
  }
  const written = positionals.length - failed;
  const verb = values["dry-run"] ? "would write" : "wrote";
  console.log(`${verb} ${plural(written, "article")}${failed > 0 ? `; ${plural(failed, "file")} not imported (see the errors above)` : ""}`);
  return failed > 0 ? 1 : 0;
}

function importReport(input: string, file: string, clipping: Clipping, article: NewArticle, dryRun: boolean): string {
  const lines = [`${input} → ${file}${dryRun ? " (dry run: not written)" : ""}`];
  const quote = (t: string) => JSON.stringify(t.length > 90 ? `${t.slice(0, 87)}…` : t);
  lines.push("  lifted into the front-matter:");
  for (const l of clipping.lifted) lines.push(`    line ${l.line}: ${l.as}: ${quote(l.text)}`);
  if (article.notes?.date !== undefined) lines.push(`  date: not in the clipping; written as a draft dated ${article.date}: set the real date, then remove draft: true`);
  if (clipping.setAside.length === 0) lines.push("  set aside: nothing");
  else {
    lines.push("  set aside (site leftovers, not written anywhere):");
    for (const l of clipping.setAside) lines.push(`    line ${l.line}: ${quote(l.text)}`);
  }
  const rtl = Object.entries(clipping.rtl).map(([lang, n]) => `${n} in lang="${lang}" dir="rtl"`);
  lines.push(
    `  body: ${plural(clipping.paragraphs, "paragraph")}, ${plural(clipping.headings, "sub-heading")}${rtl.length > 0 ? `; ${rtl.join(", ")}` : ""}` +
      `${article.tags === undefined || article.tags.length === 0 ? "; no tags yet (--tags, or add them to the file)" : ""}`,
  );
  return lines.join("\n");
}

async function checkCommand(args: string[]): Promise<number> {
  const { checkArchive } = await import("./check.ts");
  const { today } = await import("./new-article.ts");
  const { values } = parseArgs({
    args,
    options: {
      json: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      root: { type: "string", default: "." },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(CHECK_HELP);
    return 0;
  }
  const root = await projectFolder("check", values.root);
  if (root === null) return 2;
  await noteDemoSettings(root);
  const result = await checkArchive(root, today());
  const { errors, warnings } = strictly(result.errors, result.warnings, values.strict);
  const ok = errors.length === 0;
  if (values.json) {
    console.log(JSON.stringify({ ok, articles: result.articles, errors, warnings }, null, 2));
    return ok ? 0 : 1;
  }
  for (const line of formatReport(errors, warnings, { verbose: values.verbose })) console.log(line);
  const counts = `${plural(errors.length, "error")}, ${plural(warnings.length, "warning")}`;
  const files = new Set(errors.map((p) => p.file)).size;
  console.log(
    `${errors.length + warnings.length > 0 ? "\n" : ""}Checked ${plural(result.articles, "article")}: ${counts}.` +
      (ok ? "" : ` The build refuses the archive until the errors in ${plural(files, "file")} are fixed.`),
  );
  return ok ? 0 : 1;
}

/** On stderr, so that `check --json` stays JSON. A site.json that cannot be read is the build's to report. */
async function noteDemoSettings(root: string, overrides: SiteOverrides = {}): Promise<void> {
  const { demoSettingsNote } = await import("./demo-settings.ts");
  const note = await demoSettingsNote(root, overrides).catch(() => null);
  if (note !== null) console.error(note);
}

/** --root, which must be there: new and import would otherwise create a misspelt project folder. */
async function projectFolder(command: string, root: string): Promise<string | null> {
  const full = path.resolve(root);
  if (await stat(full).then((s) => s.isDirectory(), () => false)) return full;
  console.error(`news-archive ${command}: there is no project folder at ${full}`);
  return null;
}

function splitTags(tags: string | undefined): string[] {
  return (tags ?? "").split(",").map((t) => t.trim()).filter(Boolean);
}

function refuse(command: string, problems: readonly Problem[]): number {
  for (const p of problems) console.error(formatProblem(p, "error"));
  console.error(`news-archive ${command}: nothing was written.`);
  return 1;
}

