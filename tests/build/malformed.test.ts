/**
 * The malformed-article set (tests/fixtures/malformed, with its generated
 * cases) through `npm run validate` and real builds:
 *
 * - validate lists every bad file as `file:line: reason` and the counts;
 * - a strict build fails with the same list and publishes no pages;
 * - a keep-going build publishes every odd but good article, and each page
 *   keeps every word of its body as text, with no element that came from
 *   article text in the body, the title, the heading or the metadata panel.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/lib/kb/article.ts';
import { sitePaths } from '../../src/lib/routes.ts';
import { referenceArchive } from '../../src/utils/reference-archive.ts';
import {
  isErrorCase,
  isRenderCase,
  malformedCases,
  prepareMalformedDir,
  type ErrorCase,
} from '../fixtures/malformed/generate.ts';
import { bodyHtmlProblems, expectedWords, renderedWords, wordDifference } from '../fixtures/malformed/safe-html.ts';
import { astroBuild, repoRoot, type BuildRun } from './astro.ts';

const cases = malformedCases();
const errorCases = cases.filter(isErrorCase);
const renderCases = cases.filter(isRenderCase);
const idOf = (file: string) => /Q\d+/.exec(path.basename(file) === 'README.md' ? path.dirname(file) : file)![0];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kb-malformed-build-'));
let dir = '';
/** A case's file as validate and the build name it: relative to the project, where they run. */
const shown = (file: string) => path.relative(repoRoot, path.join(dir, file));

beforeAll(() => {
  dir = prepareMalformedDir(path.join(tmp, 'articles'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Every bad file is listed with its line and reason, and nothing else is. */
function expectEveryIssue(output: string, bad: readonly ErrorCase[] = errorCases) {
  expect(output).toContain(`${bad.length} bad article files:`);
  const listed = output.split('\n').filter((l) => l.includes(`${shown('')}${path.sep}`) && /:\d+: /.test(l));
  for (const c of bad) {
    const where = `${shown(c.file)}:${c.expect.error.line}: `;
    const line = listed.find((l) => l.includes(where));
    expect(line, `${where}${c.expect.error.reason} is not listed`).toBeDefined();
    expect(line).toContain(c.expect.error.reason);
  }
}

describe('malformed articles: validate', () => {
  it('lists every bad file as file:line: reason, counts good and bad, exits 1', () => {
    const run = spawnSync(process.execPath, ['scripts/validate.ts', dir], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expectEveryIssue(run.stderr);
    expect(run.stderr).toContain(`validate: ${renderCases.length} good, ${errorCases.length} bad, in ${dir}`);
  });
});

describe('malformed articles: a strict build', () => {
  let run: BuildRun;
  const out = path.join(tmp, 'strict');
  beforeAll(() => {
    run = astroBuild(dir, out);
  });

  it('fails with one message that lists every bad file', () => {
    expect(run.status).not.toBe(0);
    expectEveryIssue(run.output);
  });

  it('publishes nothing: no pages, short links, JSON documents or redirects', () => {
    expect(globSync('**/*', { cwd: out, dot: true })).toEqual([]);
    expect(existsSync(path.join(out, 'index.html'))).toBe(false);
  });
});

describe('malformed articles: a keep-going build', () => {
  let run: BuildRun;
  const out = path.join(tmp, 'keep');
  const report = path.join(tmp, 'skipped.txt');
  /** What every article page has outside its body: the site's own scripts and links. */
  let baseline: { scripts: string[]; linkRels: Set<string> };

  beforeAll(() => {
    run = astroBuild(dir, out, [], { KB_KEEP_GOING: '1', KB_REPORT_FILE: report });
    if (run.status === 0) {
      const $ = pageOf(idOf(renderCases[0]!.file));
      baseline = {
        scripts: $('script:not([type="application/ld+json"])').toArray().map((s) => $.html(s)),
        linkRels: new Set($('link').toArray().map((l) => l.attribs.rel ?? '')),
      };
    }
  });

  const pageOf = (id: string): CheerioAPI => load(readFileSync(path.join(out, 'kb', id.slice(1, 4), id, 'index.html'), 'utf8'));

  it('succeeds and lists every bad file in its report', () => {
    expect(run.status, run.output.slice(-3000)).toBe(0);
    expectEveryIssue(readFileSync(report, 'utf8'));
  });

  it('publishes a page for each good article and none for a bad one', () => {
    const pages = globSync('kb/*/Q*/index.html', { cwd: out }).map((p) => p.split('/')[2]).sort();
    expect(pages).toEqual(renderCases.map((c) => idOf(c.file)).sort());
  });

  for (const c of renderCases) {
    const id = idOf(c.file);
    it(`${c.file}: ${c.breaks}: renders safely, every word kept`, () => {
      const $ = pageOf(id);
      const article = parseArticle(readFileSync(path.join(dir, c.file), 'utf8'), c.file);
      const full = `${id}: ${article.title}`;
      if (c.expect.title !== undefined) expect(article.title).toBe(c.expect.title);

      // The title is text wherever it goes: <title>, h1, meta tags, JSON-LD, the short link.
      expect($('title')).toHaveLength(1);
      expect($('head > title').text()).toBe(`${full} | ${referenceArchive.title}`);
      expect($('h1')).toHaveLength(1);
      expect($('h1').children()).toHaveLength(0);
      expect($('h1').text()).toBe(article.title);
      expect($('meta[property="og:title"]').attr('content')).toBe(full);
      expect($('meta[name="twitter:title"]').attr('content')).toBe(full);
      const ld = $('script[type="application/ld+json"]');
      expect(ld).toHaveLength(1);
      expect(JSON.parse(ld.text()).headline).toBe(full);

      // Nothing from the text became an element or attribute anywhere on the page.
      expect($('script:not([type="application/ld+json"])').toArray().map((s) => $.html(s))).toEqual(baseline.scripts);
      expect($('iframe, frame, img, svg, math, object, embed, base, style, template, video, audio, meta[http-equiv]').length).toBe(0);
      for (const l of $('link').toArray()) expect(baseline.linkRels.has(l.attribs.rel ?? '')).toBe(true);
      const handlers = ($('*').toArray() as Element[]).flatMap((el) => Object.keys(el.attribs).filter((a) => a.startsWith('on')).map((a) => `<${el.tagName} ${a}>`));
      expect(handlers).toEqual([]);

      // The metadata panel: only its own elements, its values as text.
      const meta = $('dl.meta');
      expect(meta).toHaveLength(1);
      for (const el of meta.find('*').toArray()) {
        expect(['dt', 'dd', 'a', 'time'], $.html(el)).toContain(el.tagName);
        for (const a of Object.keys(el.attribs)) expect(['href', 'datetime'], $.html(el)).toContain(a);
        if (el.tagName === 'a') expect(el.attribs.href).toMatch(/^\/id\/[^/<>"']+\/$/);
      }
      for (const w of c.expect.metaWords ?? []) expect(meta.text().includes(w), `the metadata panel shows ${JSON.stringify(w)}`).toBe(true);

      // The body: our elements only, and every word of it, in order, as text.
      const body = $('.article-body');
      expect(body).toHaveLength(1);
      expect(bodyHtmlProblems($, body)).toEqual([]);
      expect(wordDifference(expectedWords(article.blocks), renderedWords($, body))).toBeUndefined();
      const text = body.text();
      for (const w of c.expect.words) expect(text.includes(w), `the page body shows ${JSON.stringify(w)}`).toBe(true);

      // The other files of the article: its short link and its JSON document.
      const short = load(readFileSync(path.join(out, id, 'index.html'), 'utf8'));
      expect(short('title').text()).toBe(full);
      expect(short('script, iframe, img, svg, object, embed, style')).toHaveLength(0);
      expect(short('body a').attr('href')).toBe(sitePaths.article(article.id));
      expect(short('body a').text()).toBe(full);
      const json = JSON.parse(readFileSync(path.join(out, 'kb', article.bucket, `${id}.json`), 'utf8')) as { title: string };
      expect(json.title).toBe(article.title);
    });
  }
});
