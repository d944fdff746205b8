// Deterministic archives of N realistic articles for the benchmark: ~800 words with headings,
// links and paragraphs, 3–5 tags each from a pool of 200 with a Zipf-like spread, dates over
// ten years, and some dates known only to the month or year.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const WORDS = (
  "the of and to in a is that for on with as was by at from said forces troops government military " +
  "border officials minister withdrawal base coalition security agreement region reported statement " +
  "country week after against talks presence according sources capital province parliament defence " +
  "ministry spokesman operation strikes convoy oil field airport negotiations resolution envoy army"
).split(" ");

/** A small, fast, seedable generator (mulberry32), so every run builds the same archive. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = Array.from({ length: 200 }, (_, i) => `Topic ${String(i + 1).padStart(3, "0")}`);
/** Zipf weights: tag k is picked with probability ∝ 1/k. */
const ZIPF = (() => {
  const weights = TAGS.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
})();

function pickTag(rand: () => number): string {
  const r = rand();
  const i = ZIPF.findIndex((c) => r <= c);
  return TAGS[i === -1 ? TAGS.length - 1 : i]!;
}

function sentence(rand: () => number): string {
  const n = 8 + Math.floor(rand() * 14);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rand: () => number, link: boolean): string {
  const sentences = Array.from({ length: 4 + Math.floor(rand() * 3) }, () => sentence(rand));
  if (link) sentences[1] = `Officials cited [a statement](https://example.org/statements/${Math.floor(rand() * 1e6)}) on the matter.`;
  return sentences.join(" ");
}

export function article(i: number): { name: string; text: string } {
  const rand = random(i + 1);
  const year = 2015 + Math.floor(rand() * 10);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const precision = rand();
  const date =
    precision < 0.05 ? `${year}` : precision < 0.15 ? `${year}-${pad(month)}` : precision < 0.6 ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}-${pad(day)}T${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}+03:00`;
  const tags = new Set<string>();
  const wanted = 3 + Math.floor(rand() * 3);
  while (tags.size < wanted) tags.add(pickTag(rand));
  const body: string[] = [];
  for (let p = 0; p < 10; p++) {
    if (p === 4 || p === 8) body.push(`## ${sentence(rand).replace(/\.$/, "")}`);
    body.push(paragraph(rand, p % 3 === 0));
  }
  const title = sentence(rand).replace(/\.$/, "");
  const slug = `article-${String(i).padStart(6, "0")}`;
  const text = `---
title: "${title}"
date: "${date}"
source: "Source ${1 + Math.floor(rand() * 30)}"
tags: [${[...tags].map((t) => `"${t}"`).join(", ")}]
---
${body.join("\n\n")}
`;
  return { name: `${slug}.md`, text };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Writes N articles into `<dir>/articles/`. */
export async function generateArchive(dir: string, count: number): Promise<void> {
  const articles = path.join(dir, "articles");
  await mkdir(articles, { recursive: true });
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, (_, k) => {
        const { name, text } = article(start + k);
        return writeFile(path.join(articles, name), text);
      }),
    );
  }
}
