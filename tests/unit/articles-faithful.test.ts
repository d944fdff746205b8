/**
 * The five articles in articles/ are an archive of five plain-text clippings (tests/fixtures/clippings/, copied from the commission's seeds).
 * Faithfulness is the point: every line of each clipping is in its article's body, verbatim,
 * except the lines listed below (site leftovers, and lines lifted into the front-matter);
 * and the body holds nothing that is not in the clipping.
 *
 * A body line is compared with the seed after removing only markdown syntax: a leading `## `
 * and backslash escapes (`\*` → `*`). The seed line is compared trimmed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';

const seedsDir = new URL('../fixtures/clippings/', import.meta.url);
const articlesDir = new URL('../../articles/', import.meta.url);

/** The exact wrapper our renderer turns into `<div lang="ar" dir="rtl">`. */
const ARABIC_OPEN = '<div lang="ar" dir="rtl">';
const ARABIC_CLOSE = '</div>';

interface Expected {
  /** file name in tests/fixtures/clippings/ */
  seed: string;
  /** file name in articles/ */
  article: string;
  /** seed lines (trimmed, exact text) deliberately NOT in the body */
  notInBody: string[];
  /** seed lines that are `## ` sub-headings in the body, in order */
  headings: string[];
  /** where the text supports them; a field not given here must be absent */
  frontMatter: { date: string; source?: string; author?: string };
  /** first line of a part in Arabic, wrapped in ARABIC_OPEN … ARABIC_CLOSE to the end */
  arabicFrom?: string;
}

const EXPECTED: Expected[] = [
  {
    seed: '000_98952963bc2bd1a2.txt',
    article: 'us-withdraws-from-syria-bases-towards-iraq.md',
    notInBody: [
      // the title line; it stands twice at the top of the clipping → front-matter `title`
      'The United States quickly withdraws from Syria base, heading towards Iraq: What does Russia say?',
      // the publication → front-matter `source: News 24h`
      '(News 24h)',
      // the signature at the end → front-matter `author: Minh Tu`
      'Minh Tu',
      // site leftovers: related-posts box and comment form
      'Related Posts',
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
    ],
    headings: [],
    frontMatter: { date: '2020-01-08', source: 'News 24h', author: 'Minh Tu' },
  },
  {
    seed: '001_dec857506a3c54f6.txt',
    article: 'lavrentyev-us-withdrawal-from-iraq-then-syria.md',
    notInBody: [
      // the title line → front-matter `title`
      'Special envoy of the Russian President for the Syrian settlement Alexander Lavrentyev says that the withdrawal of the American troops from Iraq will be followed by their leave from Syria.',
      // the English dateline → front-matter `date: 2024-01-26` (the Arabic dateline stays)
      '26 January',
    ],
    headings: ['بغداد تخطر موسكو باستعداد واشنطن لسحب قواتها من العراق'],
    frontMatter: { date: '2024-01-26' },
    arabicFrom: 'بغداد تخطر موسكو باستعداد واشنطن لسحب قواتها من العراق',
  },
  {
    seed: '002_03f18f5cb212c4b0.txt',
    article: 'us-troops-leaving-syria-cannot-stay-in-iraq.md',
    notInBody: [
      // the title line → front-matter `title`
      'Exfiltrated from Syria, US soldiers will not be able to stay in Iraq either',
    ],
    headings: ['Pentagon comments on withdrawal from Syria', 'Beginning of the American withdrawal'],
    frontMatter: { date: '2019-10' },
  },
  {
    seed: '003_bc9b85600cbacf8f.txt',
    article: 'syrian-and-russian-chiefs-call-for-us-to-leave.md',
    notInBody: [
      // the title line → front-matter `title`
      'Syrian and Russian Chiefs of Staff call for US military to leave',
      // site leftovers: comment form
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
    ],
    headings: [],
    frontMatter: { date: '2019' },
  },
  {
    seed: '004_cff10171f31a34ca.txt',
    article: 'hadi-al-amiri-us-troops-need-to-leave-iraq.md',
    notInBody: [
      // the title line → front-matter `title`
      "Iraq's Hadi Al-Amiri: US Troops Need to Leave Iraq",
      // the byline → front-matter `source` and `author: Al Mayadeen English`
      'By Al Mayadeen English',
      // the dateline → front-matter `date: 2023-10-30T20:08` (no offset in the text)
      '30 Oct 2023 20:08',
      // site leftovers: comment form
      'No comments:',
      'Post a Comment',
    ],
    headings: ['5,000 US troops engaged in Israeli ground operation in Gaza: Tasnim'],
    frontMatter: { date: '2023-10-30T20:08', source: 'Al Mayadeen English', author: 'Al Mayadeen English' },
  },
];

const ALLOWED_FIELDS = ['title', 'date', 'source', 'author', 'lang', 'tags'];

const refuse = (): never => {
  throw new Error('code-running front-matter engines are refused');
};

function readArticle(name: string): { data: Record<string, unknown>; body: string } {
  const text = readFileSync(new URL(name, articlesDir), 'utf8');
  // matter() caches by input string and hands out the same object: copy what we use.
  const file = matter(text, { engines: { js: refuse, javascript: refuse } });
  return { data: { ...file.data }, body: file.content };
}

function seedLines(name: string): string[] {
  return readFileSync(new URL(name, seedsDir), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Remove only markdown syntax: a leading `## ` and backslash escapes of ASCII punctuation. */
function plain(mdLine: string): string {
  return mdLine.replace(/^## /, '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const isWrapper = (line: string): boolean => line === ARABIC_OPEN || line === ARABIC_CLOSE;

/** The body's text lines: non-blank, not the Arabic wrapper tags, markdown removed. */
function bodyTextLines(body: string): string[] {
  return body
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !isWrapper(line))
    .map(plain);
}

/** Markdown a verbatim line must not contain by accident (it would not render as the text). */
function markdownHazard(line: string): string | undefined {
  const text = line.replace(/^## (?=\S)/, '');
  if (/\s$/.test(line)) return 'trailing whitespace (a hard break or lost text)';
  if (/^\s/.test(line)) return 'leading whitespace (indented code or lazy continuation)';
  if (/^#/.test(text)) return 'a heading marker other than the one `## `';
  if (/^>/.test(text)) return 'a block quote';
  if (/^[-+*](\s|$)/.test(text)) return 'a list item';
  if (/^\d{1,9}[.)](\s|$)/.test(text)) return 'an ordered list item';
  if (/^(`{3,}|~{3,})/.test(text)) return 'a code fence';
  if (/^(=+|-+|(\*\s*){3,}|(_\s*){3,})$/.test(text)) return 'a setext underline or thematic break';
  if (/^\|/.test(text)) return 'a table row';
  const unescaped = /(^|[^\\])(\\\\)*([*_`[\]<])/.exec(text);
  if (unescaped) return `an unescaped ${JSON.stringify(unescaped[3])}`;
  if (/&[#A-Za-z0-9]+;/.test(text)) return 'a character reference';
  return undefined;
}

describe('articles are faithful to their seed clippings', () => {
  for (const expected of EXPECTED) {
    describe(`${expected.seed} → articles/${expected.article}`, () => {
      const seed = seedLines(expected.seed);
      const { data, body } = readArticle(expected.article);
      const kept = seed.filter((line) => !expected.notInBody.includes(line));
      const bodyLines = bodyTextLines(body);

      test('the list of lines not in the body matches the seed (it cannot go stale)', () => {
        for (const line of expected.notInBody) {
          assert.ok(seed.includes(line), `listed as not in the body but not in the seed: ${JSON.stringify(line)}`);
        }
      });

      test('(a) every other non-empty seed line is a line of the body, verbatim', () => {
        const missing = kept.filter((line) => !bodyLines.includes(line));
        assert.deepEqual(missing, [], `seed lines missing from articles/${expected.article}`);
      });

      test('(b) the body has no line that is not from the seed: nothing invented', () => {
        const invented = bodyLines.filter((line) => !kept.includes(line));
        assert.deepEqual(invented, [], `lines in articles/${expected.article} that are not in the seed`);
      });

      test('the body keeps the seed lines in order, each once', () => {
        assert.deepEqual(bodyLines, kept);
      });

      test('(c) front-matter: title is the seed first line; date, source, author as the text supports', () => {
        assert.equal(data['title'], seed[0]);
        assert.equal(data['date'], expected.frontMatter.date, 'date (a quoted string, at the precision of the text)');
        assert.equal(data['source'], expected.frontMatter.source, 'source (absent where the text gives none)');
        assert.equal(data['author'], expected.frontMatter.author, 'author (absent where the text gives none)');
        assert.equal(data['lang'], 'en');
        const extra = Object.keys(data).filter((key) => !ALLOWED_FIELDS.includes(key));
        assert.deepEqual(extra, [], 'no other front-matter fields');
        const tags = data['tags'];
        assert.ok(Array.isArray(tags) && tags.every((tag) => typeof tag === 'string'), 'tags is a list of strings');
        assert.ok(tags.length >= 4 && tags.length <= 7, `4–7 tags, got ${tags.length}`);
      });

      test('one paragraph per seed line; sub-headings exactly the listed ones', () => {
        const lines = body.split(/\r?\n/);
        lines.forEach((line, i) => {
          const next = lines[i + 1];
          if (line.trim() !== '' && next !== undefined && next.trim() !== '') {
            assert.fail(`line ${i + 1} and the next are not separated by a blank line, so they merge:\n${line}\n${next}`);
          }
        });
        const headings = lines.filter((line) => line.startsWith('#')).map(plain);
        assert.deepEqual(headings, expected.headings);
      });

      test('no accidental markdown: the rendered text equals the seed text', () => {
        const problems = body
          .split(/\r?\n/)
          .filter((line) => line !== '' && !isWrapper(line))
          .map((line) => [line, markdownHazard(line)] as const)
          .filter(([, hazard]) => hazard !== undefined)
          .map(([line, hazard]) => `${hazard}: ${line.slice(0, 80)}`);
        assert.deepEqual(problems, []);
      });

      test('a part in Arabic is wrapped as lang="ar" dir="rtl", and only Arabic is inside', () => {
        const arabic = /[\u0600-\u06FF]/;
        const lines = body.split(/\r?\n/).filter((line) => line.trim() !== '');
        const open = lines.indexOf(ARABIC_OPEN);
        if (expected.arabicFrom === undefined) {
          assert.equal(open, -1, 'no Arabic wrapper expected');
          assert.ok(!lines.some((line) => arabic.test(line)), 'no Arabic text expected');
          return;
        }
        assert.ok(
          body.includes(`\n\n${ARABIC_OPEN}\n\n## ${expected.arabicFrom}\n\n`),
          'the wrapper opens on its own, between blank lines, right before the Arabic title',
        );
        assert.ok(body.endsWith(`\n\n${ARABIC_CLOSE}\n`), 'the wrapper closes at the end, after a blank line');
        assert.equal(lines.lastIndexOf(ARABIC_OPEN), open, 'one wrapper');
        assert.equal(lines.indexOf(ARABIC_CLOSE), lines.length - 1, 'one closing tag, at the end');
        lines.forEach((line, i) => {
          const inside = i > open && i < lines.length - 1;
          if (inside) assert.ok(arabic.test(line), `not Arabic inside the wrapper: ${line}`);
          else if (!isWrapper(line)) assert.ok(!arabic.test(line), `Arabic outside the wrapper: ${line}`);
        });
      });
    });
  }

  test('every tag is on at least two of the five articles (a tag page worth visiting)', () => {
    const count = new Map<string, string[]>();
    for (const expected of EXPECTED) {
      const tags = readArticle(expected.article).data['tags'];
      assert.ok(Array.isArray(tags));
      for (const tag of tags) {
        const key = String(tag).toLowerCase();
        count.set(key, [...(count.get(key) ?? []), path.parse(expected.article).name]);
      }
    }
    const lonely = [...count].filter(([, articles]) => articles.length < 2).map(([tag]) => tag);
    assert.deepEqual(lonely, []);
  });
});
