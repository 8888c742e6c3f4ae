/**
 * The whole archive through the parser: every article loads, and every word of
 * every body is in its blocks, in order, with no parser failure. Needs the corpus
 * (see corpus.ts): skipped without it, except under CI=true.
 *
 * One pass over the files collects failures and figures; the tests then
 * report them as lists of article ids rather than as 57,000 assertions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { beforeAll, expect, it } from 'vitest';
import { parseArticle } from '../../src/lib/kb/article.ts';
import { parseBody } from '../../src/lib/kb/body.ts';
import { compareWords } from '../../src/lib/kb/body/words.ts';
import { parseArticleBody, parseArticleSource } from '../../src/lib/kb/source.ts';
import remarkKbArticle from '../../src/markdown/remark-kb-article.ts';
import remarkKbHtml from '../../src/markdown/remark-kb-html.ts';
import { corpusArticlesDir, describeCorpus, listArticleFiles } from './corpus.ts';

// Every mention a link: the HTML compiler against the reference pipeline it stands in for.
const hrefFor = (id: string) => `/kb/${id}/`;
const toHtml = unified().use(remarkKbArticle, { hrefFor }).use(remarkKbHtml).freeze();
const referenceHtml = unified().use(remarkKbArticle, { hrefFor }).use(remarkRehype).use(rehypeStringify).freeze();

/** The first failures (up to 20) as `Qid: reason` lines. */
function report(what: string, failures: readonly string[]): string {
  const shown = failures.slice(0, 20).join('\n  ');
  const more = failures.length > 20 ? `\n  ... and ${failures.length - 20} more` : '';
  return `${failures.length} article(s) ${what}:\n  ${shown}${more}`;
}

describeCorpus('the KB corpus', ['articles'], () => {
  let files = 0;
  const loadFailures: string[] = [];
  const wordFailures: string[] = [];
  const fallbackFailures: string[] = [];
  const bodyOnlyFailures: string[] = [];
  const htmlFailures: string[] = [];
  let parseMs = 0;
  const blocks: Record<string, number> = { heading: 0, paragraph: 0, list: 0, pre: 0, appliesTo: 0 };
  let bodyLines = 0;
  let preLines = 0;

  beforeAll(async () => {
    const dir = await corpusArticlesDir();
    const list = await listArticleFiles(dir);
    files = list.length;
    for (const abs of list) {
      const id = path.basename(path.dirname(abs));
      const file = path.relative(dir, abs);
      const raw = readFileSync(abs, 'utf8');
      try {
        parseArticle(raw, file);
      } catch (e) {
        loadFailures.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      // The body lines as the parser gets them, and the parser alone, timed.
      const lines = parseArticleSource(raw, file).bodyLines;
      // A page reads the body alone (parseArticleBody): the same lines, without the front matter's fields.
      const bodyOnly = parseArticleBody(raw, file);
      if (bodyOnly.length !== lines.length || bodyOnly.some((l, i) => l !== lines[i])) bodyOnlyFailures.push(id);
      if (String(toHtml.processSync(bodyOnly.join('\n'))) !== String(referenceHtml.processSync(bodyOnly.join('\n')))) htmlFailures.push(id);
      const start = performance.now();
      const { blocks: parsed, fallback } = parseBody(lines);
      parseMs += performance.now() - start;
      if (fallback) fallbackFailures.push(`${id}: ${fallback}`);

      const problem = compareWords(lines, parsed);
      if (problem) wordFailures.push(`${id}: ${problem}`);
      for (const l of lines) if (l.trim() !== '') bodyLines++;
      for (const b of parsed) {
        blocks[b.type] = (blocks[b.type] ?? 0) + 1;
        if (b.type === 'pre') for (const l of b.text.split('\n')) if (l.trim() !== '') preLines++;
      }
    }
    console.log(
      `KB corpus: ${files} articles; bodies parsed in ${Math.round(parseMs)} ms; blocks ${JSON.stringify(blocks)}; ` +
        `${preLines} of ${bodyLines} non-blank body lines (${((100 * preLines) / Math.max(1, bodyLines)).toFixed(1)}%) in pre`,
    );
  });

  it('is all there', () => {
    expect(files).toBeGreaterThan(50_000);
  });

  it('loads every article without an error', () => {
    expect(loadFailures, report('failed to load', loadFailures)).toEqual([]);
  });

  it('gives a page the same body lines as the full parse', () => {
    expect(bodyOnlyFailures, report('differ in parseArticleBody', bodyOnlyFailures)).toEqual([]);
  });

  it('renders every body to the HTML remark-rehype and rehype-stringify would give', () => {
    expect(htmlFailures, report('differ from the reference HTML', htmlFailures)).toEqual([]);
  });

  it('parses every body without a parser failure (no plain-text fallback)', () => {
    expect(fallbackFailures, report('fell back to plain text', fallbackFailures)).toEqual([]);
  });

  it('keeps every word of every body, in order', () => {
    expect(wordFailures, report('lost, added or moved words', wordFailures)).toEqual([]);
  });

  it('finds the structure', () => {
    // Most articles have the box and several sections; far fewer lines are pre than prose.
    expect(blocks.appliesTo).toBeGreaterThan(files * 0.8);
    expect(blocks.heading).toBeGreaterThan(files * 2);
    expect(preLines).toBeLessThan(bodyLines * 0.5);
  });
});
