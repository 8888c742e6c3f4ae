/**
 * The malformed-article set (tests/fixtures/malformed) through the parser: each
 * bad file fails with its own precise error (file, line, reason), from the
 * folder scan the build and `npm run validate` use and from the reader alone;
 * each odd but good file parses, keeps every word of its body in order and
 * renders to HTML that holds only our elements.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/lib/kb/article.ts';
import { compareWords } from '../../src/lib/kb/body/words.ts';
import { KbParseError, type KbIssue } from '../../src/lib/kb/errors.ts';
import { sitePaths } from '../../src/lib/routes.ts';
import { scanArticleDir } from '../../src/lib/kb/scan.ts';
import { parseArticleSource } from '../../src/lib/kb/source.ts';
import { createBodyRenderer } from '../../src/markdown/render.ts';
import {
  committedArticlesDir,
  isErrorCase,
  isRenderCase,
  malformedCases,
  prepareMalformedDir,
} from '../fixtures/malformed/generate.ts';
import { expectedWords, loadBodyHtml, renderedWords, wordDifference } from '../fixtures/malformed/safe-html.ts';

const cases = malformedCases();
const errorCases = cases.filter(isErrorCase);
const renderCases = cases.filter(isRenderCase);

let dir = '';
let scanned: { count: number; issues: KbIssue[]; good: string[] };
/** The path of a case's file as the scan names it (relative to the working folder). */
const shown = (file: string) => path.relative(process.cwd(), path.join(dir, file));
const readCase = (file: string) => readFileSync(path.join(dir, file), 'utf8');

beforeAll(async () => {
  dir = prepareMalformedDir();
  const good: string[] = [];
  const { count, issues } = await scanArticleDir(dir, ({ shown: s }) => {
    good.push(s);
  });
  scanned = { count, issues, good };
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the malformed set', () => {
  it('has at least 30 cases, every one a file of its own, errors and pages both', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(errorCases.length).toBeGreaterThanOrEqual(20);
    expect(renderCases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.file)).size).toBe(cases.length);
    for (const c of cases) expect(c.breaks, c.file).not.toBe('');
  });

  it('uses ids of its own (Q902000 and up), never real archive ids', () => {
    for (const c of cases.filter((c) => !c.generated)) {
      const text = readFileSync(path.join(committedArticlesDir, c.file), 'latin1');
      for (const m of text.matchAll(/(?<![\w-])Q(\d+)(?![\w-])/g)) {
        const n = Number(m[1]);
        // Q0 is the case of an id that is no id.
        if (n !== 0) expect(n, `${c.file} mentions ${m[0]}`).toBeGreaterThanOrEqual(902000);
      }
    }
  });
});

describe('bad articles: a precise error each', () => {
  it('the folder scan reports exactly the bad files, one issue each, and loads the rest', () => {
    expect(scanned.issues.map((i) => i.file).sort()).toEqual(errorCases.map((c) => shown(c.file)).sort());
    expect(scanned.count).toBe(renderCases.length);
    expect(scanned.good.sort()).toEqual(renderCases.map((c) => shown(c.file)).sort());
  });

  for (const c of errorCases) {
    const { line, reason, at } = c.expect.error;
    it(`${c.file}: ${c.breaks} -> line ${line}: ${reason}`, () => {
      const issue = scanned.issues.find((i) => i.file === shown(c.file));
      expect(issue, `no issue for ${c.file}`).toBeDefined();
      expect(issue!.line).toBe(line);
      expect(issue!.reason).toContain(reason);
      // The line named is the line the manifest means.
      if (at !== undefined) {
        const lines = readFileSync(path.join(dir, c.file), 'latin1').split(/\r\n?|\n/);
        expect(lines[line - 1], `line ${line} of ${c.file}`).toContain(at);
      }
      // The reader alone gives the same error (duplicates are a property of the folder, not of one file).
      if (!reason.includes('used twice')) {
        let thrown: unknown;
        try {
          parseArticle(readCase(c.file), shown(c.file));
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(KbParseError);
        expect((thrown as KbParseError).issue).toEqual(issue);
      }
    });
  }

  it('never evaluates front matter as code', () => {
    expect((globalThis as { KB_MALFORMED_PWNED?: boolean }).KB_MALFORMED_PWNED).toBeUndefined();
  });
});

describe('odd but good articles: every word kept, rendered safely', () => {
  // Mentions link when the set has the article, as on the site.
  const known = new Set(renderCases.map((c) => /Q\d+/.exec(c.file)?.[0]));
  const render = createBodyRenderer({ hrefFor: (id) => (known.has(id) ? sitePaths.article(id) : undefined) });

  for (const c of renderCases) {
    it(`${c.file}: ${c.breaks}`, () => {
      const raw = readCase(c.file);
      const article = parseArticle(raw, c.file);
      if (c.expect.title !== undefined) expect(article.title).toBe(c.expect.title);
      const { bodyLines } = parseArticleSource(raw, c.file);
      expect(compareWords(bodyLines, article.blocks)).toBeUndefined();

      const { $, body, problems } = loadBodyHtml(render(bodyLines).html);
      expect(problems).toEqual([]);
      expect(wordDifference(expectedWords(article.blocks), renderedWords($, body))).toBeUndefined();
      const text = body.text();
      for (const w of c.expect.words) expect(text.includes(w), `the rendered text of ${c.file} has ${JSON.stringify(w)}`).toBe(true);
      if (c.expect.words.length === 0) expect(article.blocks).toEqual([]);
      // The generated 5 MB article takes seconds on a busy 2-core machine: no wall-clock limit here.
    }, 60_000);
  }
});

describe('the safe-HTML check itself', () => {
  const problems = (html: string) => loadBodyHtml(html).problems;
  it('passes what the renderer makes', () => {
    const html =
      '<div class="heading"><h2 id="a">A</h2><a class="anchor" href="#a"><span aria-hidden="true">#</span><span class="sr-only">Link</span></a></div>\n' +
      '<section class="applies-to" aria-label="Applies to"><p>x</p><ul><li>y</li></ul></section>\n' +
      '<p>See <a href="/kb/192/Q192493/">Q192493</a>.</p><ol><li>z</li></ol><pre><code>&lt;script&gt;</code></pre>';
    expect(problems(html)).toEqual([]);
  });
  it.each([
    ['a script', '<p>x</p><script>alert(1)</script>'],
    ['an element inside a paragraph', '<p>x <img src=x onerror=alert(1)></p>'],
    ['an event handler', '<p onclick="alert(1)">x</p>'],
    ['a javascript: link', '<p><a href="javascript:alert(1)">Q192493</a></p>'],
    ['a link to another article than it names', '<p><a href="/kb/192/Q192493/">Q900001</a></p>'],
    ['a comment', '<p>x</p><!-- x -->'],
    ['text outside a block', 'loose <p>x</p>'],
    ['a meta the parser moves to head', '<meta http-equiv="refresh" content="0"><p>x</p>'],
    ['an anchor to no heading', '<p>x</p><div class="heading"><h2 id="a">A</h2><a class="anchor" href="#b">#</a></div>'],
    ['a style', '<style>*{}</style><p>x</p>'],
  ])('catches %s', (_, html) => {
    expect(problems(html)).not.toEqual([]);
  });
});
