/**
 * Fuzzing: real article texts, mutated (cut short, bytes flipped, markers,
 * markup and template snippets inserted, lines shuffled, duplicated, removed,
 * swapped, re-indented, joined), through the parser and the body renderer. Whatever the text:
 *
 * - the parser returns, or throws its own KbParseError naming the file and a
 *   line of it, the same one whether the loader or a page reads the file;
 * - when it returns, the blocks keep every word of the body lines, in order;
 * - the rendered HTML, read back by a real HTML parser, holds only elements
 *   our renderer makes (no element came from article text), and its text holds
 *   every word of the blocks, in order: a `<script>` in an article is text.
 *
 * Cases: KB_FUZZ_RUNS (default 300; `npm run test:fuzz` runs 10,000).
 * Articles: a seeded sample of KB_FUZZ_SAMPLE (default 300) from the corpus,
 * plus the odd-but-good malformed fixtures; without the corpus (or with
 * KB_SKIP_CORPUS=1), the example articles in content/ and the parser fixtures
 * instead, except under CI=true, where a missing corpus fails.
 * The parser must never fall back to plain text (parseBody's `fallback`).
 * Seed: KB_FUZZ_SEED (a number, or `random`); a failure prints the seed and
 * the path to replay it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { glob } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle, type ParsedArticle } from '../../src/lib/kb/article.ts';
import { compareWords } from '../../src/lib/kb/body/words.ts';
import { KbParseError } from '../../src/lib/kb/errors.ts';
import { parseArticleFields } from '../../src/lib/kb/scan.ts';
import { parseArticleSource } from '../../src/lib/kb/source.ts';
import { sitePaths } from '../../src/lib/routes.ts';
import { createBodyRenderer } from '../../src/markdown/render.ts';
import { corpusArticlesDir, corpusMissing, CORPUS_HOWTO, listArticleFiles, repoRoot } from '../corpus/corpus.ts';
import { committedArticlesDir, isRenderCase, malformedCases } from '../fixtures/malformed/generate.ts';
import { expectedWords, loadBodyHtml, renderedWords, wordDifference } from '../fixtures/malformed/safe-html.ts';

function intEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${JSON.stringify(v)}`);
  return n;
}

const RUNS = intEnv('KB_FUZZ_RUNS', 300);
const SAMPLE = intEnv('KB_FUZZ_SAMPLE', 300);
const SEED = process.env.KB_FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : intEnv('KB_FUZZ_SEED', 20_251_125);

interface Sample {
  /** The article's path as the parser is given it (`219/Q219324/README.md`). */
  file: string;
  text: string;
}

/** mulberry32: a small seeded PRNG, so the sample is the same for a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

async function loadSamples(): Promise<{ samples: Sample[]; source: string }> {
  const extra = malformedCases()
    .filter((c) => isRenderCase(c) && !c.generated)
    .map((c) => ({ file: c.file, text: readFileSync(path.join(committedArticlesDir, c.file), 'utf8') }));
  const missing = corpusMissing('articles');
  if (missing && process.env.CI === 'true' && process.env.KB_SKIP_CORPUS !== '1') {
    throw new Error(`KB corpus not found under CI=true: ${missing}; ${CORPUS_HOWTO}.`);
  }
  if (missing) {
    const files = await glob(['content/**/*.md', 'tests/fixtures/parser/*/input.md'], { cwd: repoRoot });
    const samples = files.sort().map((f) => ({ file: f, text: readFileSync(path.join(repoRoot, f), 'utf8') }));
    return { samples: [...samples, ...extra], source: `${samples.length} example and fixture articles (${missing}; for the corpus, ${CORPUS_HOWTO})` };
  }
  const dir = await corpusArticlesDir();
  const all = await listArticleFiles(dir);
  const random = prng(SEED);
  const n = Math.min(SAMPLE, all.length);
  // A partial Fisher-Yates shuffle: n distinct articles.
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (all.length - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const samples = all.slice(0, n).map((abs) => ({ file: path.relative(dir, abs), text: readFileSync(abs, 'utf8') }));
  return { samples: [...samples, ...extra], source: `${n} of ${all.length} corpus articles` };
}

// ---- Mutations ----------------------------------------------------------------

/** Text that means something to some layer: byte markers, markup, templates, our own syntax. */
const SNIPPETS = [
  '<A0>', '<92>', '<41>', '<3C>', '<3E>', '<FF>', '<80>', '<zz>', '<', '>', '&', '"', "'", '\\',
  '<script>alert(1)</script>', '</script>', '<script', '<img src=x onerror=alert(1)>', '<iframe src="//x">',
  '<svg/onload=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<style>*{}</style>', '<!--', '-->', '<![CDATA[', ']]>',
  '<!DOCTYPE html>', '<?xml?>', '<meta http-equiv="refresh" content="0">', '<base href="//x/">', '<p>', '</p>', '</div>',
  '</pre>', '</code>', '<textarea>', '<plaintext>', '<xmp>', '<noscript>', '<template>',
  '&lt;b&gt;', '&amp;', '&#0;', '&#x3C;', '&quot;', '&nbsp;',
  '{{ x }}', '{{{ x }}}', '{% raw %}', '{% endraw %}', '{% include x %}', '${x}', '<%= x %>', '<?php x ?>',
  '<Foo bar={x} />', '{/* x */}', 'import X from "y";', 'export const x = 1;', '<>', '</>',
  '**x**', '[x](javascript:alert(1))', '![x](y.png)', '<https://x/>', '```', '> ', '| a | b |',
  '---', '\n---\n', '...', '---js', '\n', '\n\n', '\r', '\r\n', '\t', '    ', '\f', '\v',
  '## Q902001: x', '# x', '{% raw %}\n', 'Article: Q902001', 'Article: Q0', 'Article: Q12345678', 'Article: x',
  'Last Modified: 31-APR-1999', 'Last Modified: 01-JAN-2000', 'Product(s): <b>x</b>', 'Keyword(s): <i>',
  'title: 1', 'title: "Q1: x"', 'permalink: /kb/000/Q1/', 'permalink: [x]', 'product: Word 97',
  'Keywords          : x', 'Technology        : <script>', 'Additional query words: <b>',
  '====', '\n=====\n', '-----', '\n------------------------------\n',
  'The information in this article applies to:', '- ', '1. ', '2) ', 'a. ', '* ', 'o ', '\u00B7 ', '\u2022 ',
  'Q192493', 'Q0192493', 'Q12345678', 'XQ192493', 'Q192493x', 'SUMMARY\n=======\n', 'MORE INFORMATION\n----------------\n',
  '\uFEFF', '\u2028', '\u2029', '\u202E', '\u200B', '\u00A0', '\u0085', '\uFFFD', '\u0000', '\u001B[31m', '\u{1F600}',
];

type Mutation =
  | { k: 'truncate'; at: number }
  | { k: 'flip'; at: number; xor: number }
  | { k: 'insert'; at: number; text: string }
  | { k: 'insertLine'; at: number; text: string }
  | { k: 'shuffle'; at: number; len: number; seed: number }
  | { k: 'duplicate'; at: number; len: number }
  | { k: 'remove'; at: number; len: number }
  | { k: 'swap'; a: number; b: number }
  | { k: 'indent'; at: number; len: number; by: string }
  | { k: 'join'; at: number };

/** A position in the text as a fraction of its length: mostly uniform, sometimes at the edges (the front matter). */
const fraction = fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000);
const pos = fc.oneof({ arbitrary: fc.noBias(fraction), weight: 4 }, { arbitrary: fraction, weight: 1 });
const snippet = fc.oneof(
  { arbitrary: fc.constantFrom(...SNIPPETS), weight: 6 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('truncate' as const), at: pos }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('flip' as const), at: pos, xor: fc.integer({ min: 1, max: 255 }) }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('insert' as const), at: pos, text: snippet }), weight: 5 },
  { arbitrary: fc.record({ k: fc.constant('insertLine' as const), at: pos, text: snippet }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('shuffle' as const), at: pos, len: fc.integer({ min: 2, max: 12 }), seed: fc.integer() }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('duplicate' as const), at: pos, len: fc.integer({ min: 1, max: 6 }) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('remove' as const), at: pos, len: fc.integer({ min: 1, max: 6 }) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('swap' as const), a: pos, b: pos }), weight: 2 },
  // Re-indent a run of lines (or strip its indentation): what decides prose, lists and code.
  {
    arbitrary: fc.record({
      k: fc.constant('indent' as const),
      at: pos,
      len: fc.integer({ min: 1, max: 12 }),
      by: fc.constantFrom('', ' ', '  ', '    ', '\t', '\t\t', ' \t'),
    }),
    weight: 2,
  },
  // Join a line to the next one (a lost line end).
  { arbitrary: fc.record({ k: fc.constant('join' as const), at: pos }), weight: 1 },
);

/** Bytes as a file reader gets them: invalid UTF-8 becomes U+FFFD, as with readFile(f, 'utf8'). */
const asRead = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function mutate(text: string, m: Mutation): string {
  const at = (n: number, length: number) => Math.floor(n * length);
  switch (m.k) {
    case 'truncate': {
      const bytes = Buffer.from(text, 'utf8');
      return asRead(bytes.subarray(0, at(m.at, bytes.length + 1)));
    }
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      const i = at(m.at, bytes.length);
      bytes[i] = bytes[i]! ^ m.xor;
      return asRead(bytes);
    }
    case 'insert': {
      const i = at(m.at, text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    default:
      break;
  }
  const lines = text.split('\n');
  const i = at(m.k === 'swap' ? m.a : m.at, lines.length);
  switch (m.k) {
    case 'insertLine':
      lines.splice(at(m.at, lines.length + 1), 0, m.text);
      break;
    case 'shuffle': {
      const random = prng(m.seed);
      const end = Math.min(lines.length, i + m.len);
      for (let a = end - 1; a > i; a--) {
        const b = i + Math.floor(random() * (a - i + 1));
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      break;
    }
    case 'duplicate':
      lines.splice(i, 0, ...lines.slice(i, i + m.len));
      break;
    case 'remove':
      lines.splice(i, m.len);
      break;
    case 'swap': {
      const j = at(m.b, lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      break;
    }
    case 'indent':
      // '' strips the indentation; anything else is put before it.
      for (let k = i; k < Math.min(lines.length, i + m.len); k++) lines[k] = m.by === '' ? lines[k]!.trimStart() : m.by + lines[k]!;
      break;
    case 'join':
      if (i + 1 < lines.length) lines.splice(i, 2, lines[i]! + lines[i + 1]!);
      break;
  }
  return lines.join('\n');
}

// ---- The property ---------------------------------------------------------------

/** Mentions link for even-numbered articles, so both links and plain mentions occur. */
const render = createBodyRenderer({ hrefFor: (id) => (Number(id.slice(1)) % 2 === 0 ? sitePaths.article(id) : undefined) });

const stats = { cases: 0, parsed: 0, errors: new Map<string, number>() };

/** Checks one text; throws (with a reason) when a promise is broken. */
function check(raw: string, file: string): void {
  stats.cases++;
  let article: ParsedArticle;
  try {
    article = parseArticle(raw, file);
  } catch (e) {
    if (!(e instanceof KbParseError)) {
      throw new Error(`the parser threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}, not a KbParseError`);
    }
    const { issue } = e;
    const lineCount = raw.replace(/\r\n?/g, '\n').split('\n').length;
    if (issue.file !== file) throw new Error(`the error names ${issue.file}, not ${file}`);
    if (!Number.isInteger(issue.line) || issue.line < 1 || issue.line > lineCount) {
      throw new Error(`the error names line ${issue.line} of a ${lineCount}-line file: ${e.message}`);
    }
    if (issue.reason.trim() === '') throw new Error('the error gives no reason');
    // The loader (fields only) fails the same way.
    let again: unknown;
    try {
      parseArticleFields(raw, file);
    } catch (e2) {
      again = e2;
    }
    if (!(again instanceof KbParseError) || JSON.stringify(again.issue) !== JSON.stringify(issue)) {
      throw new Error(`the loader and the page disagree: ${e.message} vs ${again instanceof Error ? again.message : 'no error'}`);
    }
    // The kind of error, for the summary: its first words, without the values.
    const kind = issue.reason.split(/[:`(]/).find((p) => p.trim() !== '')!.trim().split(/\s+/).slice(0, 4).join(' ');
    stats.errors.set(kind, (stats.errors.get(kind) ?? 0) + 1);
    return;
  }
  stats.parsed++;
  if (article.bodyFallback) throw new Error(`the body parser failed: ${article.bodyFallback}`);
  // The loader takes it too.
  const fields = parseArticleFields(raw, file);
  if (fields.id !== article.id) throw new Error(`the loader reads id ${fields.id}, the page ${article.id}`);

  const { bodyLines } = parseArticleSource(raw, file);
  const lost = compareWords(bodyLines, article.blocks);
  if (lost) throw new Error(`the blocks lose or move words: ${lost}`);

  const rendered = render(bodyLines);
  if (rendered.fallback) throw new Error(`the renderer's parse failed: ${rendered.fallback}`);
  const { $, body, problems } = loadBodyHtml(rendered.html);
  if (problems.length > 0) throw new Error(`the HTML has what the renderer does not make:\n  ${problems.slice(0, 5).join('\n  ')}`);
  const diff = wordDifference(expectedWords(article.blocks), renderedWords($, body));
  if (diff) throw new Error(`the page text differs from the blocks: ${diff}`);
}

describe('fuzzing the parser and renderer with mutated real articles', () => {
  let samples: Sample[] = [];

  beforeAll(async () => {
    const loaded = await loadSamples();
    samples = loaded.samples;
    console.log(`fuzz: ${RUNS} cases over ${loaded.source} (+ malformed fixtures), seed ${SEED} (KB_FUZZ_SEED to replay)`);
  });

  it('the unmutated samples load and keep their words', () => {
    for (const s of samples) check(s.text, s.file);
    expect(stats.parsed).toBe(samples.length);
  });

  it(`holds for ${RUNS} mutated articles`, () => {
    const started = performance.now();
    stats.cases = 0;
    stats.parsed = 0;
    const property = fc.property(
      fc.noBias(fc.nat({ max: Math.max(0, samples.length - 1) })),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      fc.constantFrom('own', 'notes'),
      (index, mutations, name) => {
        const s = samples[index]!;
        const file = name === 'own' ? s.file : 'misc/notes.md';
        const raw = mutations.reduce(mutate, s.text);
        try {
          check(raw, file);
        } catch (e) {
          const excerpt = raw.length > 400 ? `${raw.slice(0, 400)}...` : raw;
          throw new Error(`${file}: ${(e as Error).message}\n--- mutated text (${raw.length} chars) ---\n${excerpt}`);
        }
      },
    );
    fc.assert(property, { numRuns: RUNS, seed: SEED });
    const seconds = (performance.now() - started) / 1000;
    const errors = [...stats.errors].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
    console.log(
      `fuzz: ${stats.cases} cases in ${seconds.toFixed(1)} s: ${stats.parsed} parsed and rendered, ` +
        `${stats.cases - stats.parsed} KbParseErrors (${errors.join('; ')})`,
    );
    expect(stats.cases).toBeGreaterThanOrEqual(RUNS);
  });
});
