/**
 * Every source word on the built page: a sample of the archive (every 20th
 * article, about 2,900) is built as a site, and each article page must show
 * every word of its body, in order, plus its "Additional query words" line.
 * Together with parser.test.ts (every body's words reach its blocks), this
 * checks the words of real pages, not only of the parser's output. The sample
 * is also an archive without the example articles: its links must all resolve.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseBody } from '../../src/lib/kb/body.ts';
import { words } from '../../src/lib/kb/body/words.ts';
import { parseArticleSource } from '../../src/lib/kb/source.ts';
import { outputFileOf, sitePaths } from '../../src/lib/routes.ts';
import { checkBuiltLinks } from '../../scripts/lib/site-links.ts';
import { astroBuild } from '../build/astro.ts';
import { expectedWords, renderedWords, wordDifference } from '../fixtures/malformed/safe-html.ts';
import { corpusArticlesDir, describeCorpus, listArticleFiles } from './corpus.ts';

const EVERY = 20;

describeCorpus('the pages of a sample of the KB corpus', ['articles'], () => {
  let work = '';
  let sample: string[] = [];
  let buildOutput = '';
  const out = () => path.join(work, 'site');

  beforeAll(async () => {
    const dir = await corpusArticlesDir();
    sample = (await listArticleFiles(dir)).filter((_, i) => i % EVERY === 0);
    work = mkdtempSync(path.join(os.tmpdir(), 'kb-corpus-pages-'));
    for (const file of sample) {
      const target = path.join(work, 'content', path.relative(dir, file));
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(file, target);
    }
    const run = astroBuild(path.join(work, 'content'), out(), [], { KB_SEARCH_INDEX: '0' });
    buildOutput = run.output;
    if (run.status !== 0) throw new Error(`building the corpus sample failed:\n${run.output.slice(-4000)}`);
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('builds with no parser fallback reported', () => {
    expect(sample.length).toBeGreaterThan(2_500);
    expect(buildOutput).not.toContain('shown as plain text');
  });

  it('links only to what it has, help texts included (it lacks the example articles)', async () => {
    expect(sample.some((f) => f.includes('Q192493'))).toBe(false);
    const { pages, broken } = await checkBuiltLinks(out());
    expect(broken.slice(0, 20)).toEqual([]);
    expect(pages).toBeGreaterThan(sample.length * 2);
  });

  it('shows every word of each body and its additional query words on the page', () => {
    const failures: string[] = [];
    let withQueryWords = 0;
    for (const file of sample) {
      const source = parseArticleSource(readFileSync(file, 'utf8'), file);
      const $ = load(readFileSync(path.join(out(), outputFileOf(sitePaths.article(source.id))), 'utf8'));
      const body = $('.article-body');
      if (body.attr('data-fallback')) failures.push(`${source.id}: the body fell back to plain text`);
      const diff = wordDifference(expectedWords(parseBody(source.bodyLines).blocks), renderedWords($, body));
      if (diff) failures.push(`${source.id}: body ${diff}`);
      const shown = $('dl.meta dt').filter((_, el) => $(el).text() === 'Additional query words').next('dd');
      if (source.queryWords !== undefined) withQueryWords++;
      const want = words(source.queryWords ?? '');
      const got = words(shown.text());
      if (want.join(' ') !== got.join(' ')) failures.push(`${source.id}: additional query words ${JSON.stringify(want.join(' '))}, the page shows ${JSON.stringify(got.join(' '))}`);
    }
    expect(failures.slice(0, 20), `${failures.length} of ${sample.length} pages`).toEqual([]);
    // Most articles have the line, so the check above is not vacuous.
    expect(withQueryWords).toBeGreaterThan(sample.length / 2);
  });
});
