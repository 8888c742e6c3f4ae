/**
 * Search in the browser, on a site built from content/ plus the search fixtures
 * (tests/fixtures/search: more articles, so that ranking means something),
 * served by the plain static server.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueries, probeSearch } from '../../scripts/lib/search-probe.ts';
import type { ArticleDocument } from '../../src/lib/output/article-json.ts';
import { BODY_START, regionOf, SlotMap, splitWords } from '../../src/lib/search/layout.ts';
import { bodySegments, segmentText } from '../../src/lib/search/names.ts';
import { bucketOf, decodeSlots, type SearchTable } from '../../src/lib/search/table.ts';
import { astroBuild, repoRoot } from '../build/astro.ts';
import { launchBrowser } from './browser.ts';
import { serveStatic, type StaticServer } from './server.ts';

let site: string;
let browser: Browser;
let context: BrowserContext;
let server: StaticServer;

beforeAll(async () => {
  const content = mkdtempSync(path.join(os.tmpdir(), 'kb-search-content-'));
  cpSync(path.join(repoRoot, 'content'), content, { recursive: true });
  cpSync(path.join(repoRoot, 'tests/fixtures/search/kb'), path.join(content, 'kb'), { recursive: true });
  site = mkdtempSync(path.join(os.tmpdir(), 'kb-search-site-'));
  const run = astroBuild(content, site);
  rmSync(content, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`building the search site failed:\n${run.output}`);
  server = await serveStatic(site);
  browser = await launchBrowser();
  context = await browser.newContext();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Opens a page, recording the paths it requests. */
async function open(urlPath: string): Promise<{ page: Page; requested: string[] }> {
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  await page.goto(server.origin + urlPath);
  return { page, requested };
}

const count = (page: Page) => page.locator('kb-search [data-count]');
const ids = (page: Page) => page.locator('kb-search .search-result-id').allTextContents();
const box = (page: Page) => page.getByRole('searchbox', { name: 'Words, or an article number' });

/** Waits for the result count of the query `q`, which is set once the first results are shown. */
async function resultsFor(page: Page, q: string): Promise<string> {
  await expect.poll(() => count(page).textContent(), { timeout: 15_000 }).toContain(`“${q}”`);
  return (await count(page).textContent()) ?? '';
}

describe('searching', () => {
  it('shows the expected article with its id, title, product, date and marked excerpt', async () => {
    const { page } = await open('/search/');
    await box(page).fill('KMODE_EXCEPTION_NOT_HANDLED');
    expect(await resultsFor(page, 'KMODE_EXCEPTION_NOT_HANDLED')).toMatch(/^1 result for/);
    const first = page.locator('kb-search .search-result').first();
    expect(await first.locator('.search-result-id').textContent()).toBe('Q900012');
    expect(await first.locator('.search-result-title').textContent()).toBe('STOP 0x0000001E KMODE_EXCEPTION_NOT_HANDLED in Ntfs.sys');
    expect(await first.locator('.search-result-product').textContent()).toBe('Microsoft Windows NT');
    expect(await first.locator('time').getAttribute('datetime')).toBe('1997-10-21');
    expect(await first.locator('time').textContent()).toBe('21 October 1997');
    expect((await first.locator('.search-result-excerpt mark').allTextContents()).map((t) => t.toLowerCase())).toContain('kmode_exception_not_handled');
    expect(page.url()).toBe(`${server.origin}/search/?q=KMODE_EXCEPTION_NOT_HANDLED`);
    await page.close();
  });

  it('loads no search code on other pages, nor on the search page before someone types', async () => {
    for (const p of ['/', '/kb/192/Q192493/', '/kb/900/', '/id/']) {
      const { page, requested } = await open(p);
      await page.waitForLoadState('networkidle');
      expect(requested.filter((r) => r.startsWith('/pagefind/')), p).toEqual([]);
      await page.close();
    }
    const { page, requested } = await open('/search/');
    await page.waitForLoadState('networkidle');
    expect(requested.filter((r) => r.startsWith('/pagefind/'))).toEqual([]);
    await box(page).pressSequentially('spool');
    await expect.poll(() => requested.includes('/pagefind/pagefind.js')).toBe(true);
    await page.close();
  });

  it('shows article text that looks like HTML as text in excerpts', async () => {
    const { page } = await open('/search/?q=onerror');
    await resultsFor(page, 'onerror');
    const excerpt = page.locator('kb-search .search-result-excerpt').first();
    expect(await excerpt.textContent()).toContain('<img src=x onerror="alert(1)">');
    expect(await page.locator('kb-search .search-results img, kb-search .search-results script').count()).toBe(0);
    expect(await excerpt.locator('*').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))])).toEqual(['MARK']);
    await page.close();
  });

  it('narrows the results with a product filter, and sorts them by date', async () => {
    const { page, requested } = await open('/search/?q=service+pack');
    const all = await resultsFor(page, 'service pack');
    const products = new Set(await page.locator('kb-search .search-result-product').allTextContents());
    expect(products.size).toBeGreaterThan(1);
    // Filter data loads only when asked for.
    expect(requested).not.toContain('/pagefind/kb-facets.json');
    await page.getByText('Filters', { exact: true }).click();
    const product = page.getByLabel('Product');
    await expect.poll(() => product.locator('option').count()).toBeGreaterThan(2);
    await product.selectOption('Microsoft Windows NT');
    await expect.poll(() => count(page).textContent()).toContain('with the chosen filters');
    const narrowed = await count(page).textContent();
    expect(Number.parseInt(narrowed!, 10)).toBeLessThan(Number.parseInt(all, 10));
    expect(new Set(await page.locator('kb-search .search-result-product').allTextContents())).toEqual(new Set(['Microsoft Windows NT']));
    expect(new URL(page.url()).searchParams.get('product')).toBe('Microsoft Windows NT');

    await page.getByLabel('Sort by').selectOption('newest');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('newest');
    await expect
      .poll(async () => {
        const dates = await page.locator('kb-search .search-result time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
        return dates.length > 1 && dates.join() === [...dates].sort().reverse().join();
      })
      .toBe(true);
    await page.close();
  });

  it('restores a shared search from its address', async () => {
    const { page } = await open('/search/?q=spooler&product=Microsoft+Windows+NT&sort=oldest');
    await resultsFor(page, 'spooler');
    expect(await box(page).inputValue()).toBe('spooler');
    expect(await page.getByLabel('Product').inputValue()).toBe('Microsoft Windows NT');
    expect(await page.getByLabel('Sort by').inputValue()).toBe('oldest');
    expect(await page.locator('kb-search details').getAttribute('open')).not.toBeNull();
    // Oldest first: Q900001 (2000) before Q900013 (2001).
    expect(await ids(page)).toEqual(['Q900001', 'Q900013']);
    await page.close();
  });

  it('when no article has every word, drops the commonest and says so, rather than finding nothing', async () => {
    const { page } = await open('/search/?q=eseutil+repair+printer');
    expect(await resultsFor(page, 'eseutil repair printer')).toMatch(/^1 result for “eseutil repair printer”, without “printer” \(no article has every word\)\.$/);
    expect(await ids(page)).toEqual(['Q900010']);
    await page.close();
  });

  it('corrects a misspelled word to the closest archive word, says so, and searches as typed on request', async () => {
    const { page, requested } = await open('/search/?q=MSExchagneES+registry');
    expect(await resultsFor(page, 'MSExchangeES registry')).toMatch(/^\d+ results? for “MSExchangeES registry”\.$/);
    expect((await ids(page))[0]).toBe('Q192493');
    const note = page.locator('kb-search [data-correction]');
    expect(await note.textContent()).toBe('Showing results for MSExchangeES registry; search instead for MSExchagneES registry.');
    // The words it needed were fetched because a word had no match, and only then.
    expect(requested.filter((p) => p.includes('/kb-words/')).length).toBeGreaterThan(0);
    expect((await page.locator('kb-search .search-result-excerpt mark').allTextContents()).map((t) => t.toLowerCase())).toContain('msexchangees');
    // As typed, the misspelled word matches nothing: it is left out, never matched by a shortened word.
    await note.getByRole('link', { name: 'MSExchagneES registry' }).click();
    expect(await resultsFor(page, 'MSExchagneES registry')).toContain('without “msexchagnees”');
    expect(page.url()).toContain('verbatim=1');
    await expect.poll(() => note.isHidden()).toBe(true);
    await page.close();
  });

  it('fetches no word list for words the archive has', async () => {
    const { page, requested } = await open('/search/?q=spooler+stops');
    await resultsFor(page, 'spooler stops');
    expect(requested.filter((p) => p.includes('/kb-words/'))).toEqual([]);
    expect(await page.locator('kb-search [data-correction]').isHidden()).toBe(true);
    await page.close();
  });

  it('ranks the article whose title has every query word in order above one whose title has some and whose body repeats them', async () => {
    const { page } = await open('/search/?q=outlook+web+access+attachment+upload+times+out');
    await resultsFor(page, 'outlook web access attachment upload times out');
    expect((await ids(page)).slice(0, 2)).toEqual(['Q900026', 'Q900027']);
    await page.close();
  });

  it('puts first the results of a quoted phrase whose own words have it as quoted', async () => {
    // For the index both have the words side by side: Q903001 "print cover sheets" (a form of
    // "printed"), with both words in its title; Q903002 "printed cover side down".
    const q = '"printed cover"';
    const { page } = await open(`/search/?q=${encodeURIComponent(q)}`);
    await resultsFor(page, q);
    expect(await ids(page)).toEqual(['Q903002', 'Q903001']);
    await page.close();
  });

  it('finds a name inside a path or a file name by itself, and marks that part in the excerpt', async () => {
    for (const [q, part] of [
      ['ActiveXExample', 'ActiveXExample'],
      ['DevStudio', 'DevStudio'],
      ['MyDispids', 'MyDispids'],
      ['Jet35sp3', 'Jet35sp3'],
      ['Q-number', 'Q-number'],
    ] as const) {
      const { page } = await open(`/search/?q=${encodeURIComponent(q)}`);
      await resultsFor(page, q);
      expect(await ids(page), q).toEqual(['Q900028']);
      expect(await page.locator('kb-search .search-result-excerpt mark').allTextContents(), q).toContain(part);
      await page.close();
    }
  });

  it('pages through many results with "Show more results"', async () => {
    const { page } = await open('/search/?q=microsoft');
    const total = Number.parseInt(await resultsFor(page, 'microsoft'), 10);
    expect(total).toBeGreaterThan(10);
    expect(await page.locator('kb-search .search-result').count()).toBe(10);
    await page.getByRole('button', { name: 'Show more results' }).click();
    await expect.poll(() => page.locator('kb-search .search-result').count()).toBe(Math.min(total, 20));
    // Focus moves to the first of the new results.
    expect(await page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('.search-result')[10])).toBe(true);
    await page.close();
  });

  it('is reached from the search box in the header of every page', async () => {
    const { page } = await open('/kb/192/Q192493/');
    await page.getByRole('searchbox', { name: 'Search the archive' }).fill('eseutil');
    await page.getByRole('searchbox', { name: 'Search the archive' }).press('Enter');
    await page.waitForURL(`${server.origin}/search/?q=eseutil`);
    await resultsFor(page, 'eseutil');
    expect((await ids(page))[0]).toBe('Q900010');
    await page.close();
  });
});

describe('number lookup', () => {
  it('offers the article at once and opens it on Enter', async () => {
    const { page } = await open('/search/');
    await box(page).fill('q900017');
    const offer = page.getByRole('link', { name: 'Q900017: open article' });
    await offer.waitFor();
    expect(await offer.getAttribute('href')).toBe('/kb/900/Q900017/');
    await resultsFor(page, 'q900017');
    expect((await ids(page))[0]).toBe('Q900017');
    await box(page).press('Enter');
    await page.waitForURL(`${server.origin}/kb/900/Q900017/`);
    await page.close();
  });

  for (const typed of ['Q192493', 'KB192493', '192493']) {
    it(`puts the exact article first for ${typed}`, async () => {
      const { page } = await open(`/search/?q=${typed}`);
      await resultsFor(page, typed);
      expect((await ids(page))[0]).toBe('Q192493');
      expect(await page.locator('kb-search .search-result-title').first().textContent()).toBe("XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key");
      await page.close();
    });
  }

  it('needs no search index for an article the archive has; its mentions are one click away', async () => {
    const { page, requested } = await open('/search/?q=Q192493');
    await resultsFor(page, 'Q192493');
    expect(await count(page).textContent()).toBe('1 result for “Q192493”.');
    expect(requested.filter((r) => r.startsWith('/pagefind/'))).toEqual([]);
    expect(requested).toEqual(expect.arrayContaining(['/kb/192/numbers.json', '/kb/192/Q192493.json']));
    await page.getByRole('button', { name: 'Find articles that mention Q192493' }).click();
    await expect.poll(async () => (await ids(page)).length).toBe(3);
    const found = await ids(page);
    expect(found[0]).toBe('Q192493');
    expect(found.slice(1).sort()).toEqual(['Q900001', 'Q900006']);
    expect(await count(page).textContent()).toBe('3 results for “Q192493”.');
    // Focus goes to the first article that mentions it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(found[1]);
    await page.close();
  });

  it('searches the text for a number the archive lacks: the articles that mention it', async () => {
    const { page } = await open('/search/?q=Q191014');
    await resultsFor(page, 'Q191014');
    expect(await page.locator('kb-search [data-lookup]').textContent()).toContain('Q191014 is not in this archive.');
    expect(await ids(page)).toEqual(['Q192493']);
    await page.close();
  });

  it('says when a number is not in the archive, and offers the nearest', async () => {
    const { page } = await open('/search/');
    await box(page).fill('Q900099');
    const lookup = page.locator('kb-search [data-lookup]');
    await expect.poll(() => lookup.textContent()).toContain('Q900099 is not in this archive.');
    expect(await lookup.locator('a').allTextContents()).toEqual(['Q900026', 'Q900027', 'Q900028']);
    await box(page).press('Enter');
    await resultsFor(page, 'Q900099');
    expect(page.url()).toBe(`${server.origin}/search/?q=Q900099`);
    await page.close();
  });
});

describe('the article opened from a result', () => {
  it('has the searched words marked', async () => {
    const { page } = await open('/search/?q=eseutil+repair');
    await resultsFor(page, 'eseutil repair');
    const link = page.locator('kb-search a.search-result-link').first();
    expect(await link.getAttribute('href')).toBe('/kb/900/Q900010/?pagefind-highlight=eseutil&pagefind-highlight=repair');
    await link.click();
    await page.waitForURL(/\/kb\/900\/Q900010\/\?pagefind-highlight=/);
    const marks = page.locator('mark.search-highlight');
    await expect.poll(() => marks.count()).toBeGreaterThan(1);
    expect(new Set((await marks.allTextContents()).map((t) => t.toLowerCase()))).toEqual(new Set(['eseutil', 'repair']));
    // Visible: the mark has its own background, not the page's.
    const [mark, body] = await Promise.all([marks.first().evaluate((m) => getComputedStyle(m).backgroundColor), page.evaluate(() => getComputedStyle(document.body).backgroundColor)]);
    expect(mark).not.toBe(body);
    await page.close();
  });
});

describe('keyboard and screen readers', () => {
  it('reaches the results with Tab, and with the down arrow from the search box', async () => {
    const { page } = await open('/search/');
    await box(page).focus();
    await page.keyboard.type('spooler');
    await resultsFor(page, 'spooler');
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('search-result-link') ?? false);
    }
    expect(reached).toBe(true);
    const [first, second] = await ids(page);
    await box(page).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(first);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(second);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/kb/900/${second}/`));
    await page.close();
  });

  it('announces the result count in a status region', async () => {
    const { page } = await open('/search/?q=spooler');
    await resultsFor(page, 'spooler');
    expect(await page.getByRole('status').filter({ hasText: 'results for' }).textContent()).toBe('2 results for “spooler”.');
    await page.close();
  });

  it('passes axe with results shown and the filters open', async () => {
    const { page } = await open('/search/?q=windows');
    await resultsFor(page, 'windows');
    await page.getByText('Filters', { exact: true }).click();
    await expect.poll(() => page.getByLabel('Product').locator('option').count()).toBeGreaterThan(2);
    await resultsFor(page, 'windows');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.close();
  });

  it('passes axe on an article with marked words, and with the number lookup shown', async () => {
    for (const p of ['/kb/900/Q900010/?pagefind-highlight=eseutil', '/search/?q=Q900099']) {
      const { page } = await open(p);
      if (p.startsWith('/search/')) await resultsFor(page, 'Q900099');
      else await page.locator('mark.search-highlight').first().waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), p).toEqual([]);
      await page.close();
    }
  });
});

describe('the index', () => {
  it('reports each match at a position that holds the word, in the article it names', async () => {
    const terms = ['spooler', 'eseutil', 'onerror', 'kmode_exception_not_handled', 'permission', 'windows', 'q192493', 'activexexample'];
    const page = await context.newPage();
    await page.goto(`${server.origin}/search/`);
    // A string, so that the test runner's transform leaves the browser's dynamic import alone.
    const found = (await page.evaluate(`(async (words) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.options({ noWorker: true });
      const out = {};
      for (const w of words) out[w] = ((await pf.search(w))?.results ?? []).map((r) => ({ id: r.id, words: r.words }));
      return out;
    })(${JSON.stringify(terms)})`)) as Record<string, { id: string; words: number[] }[]>;
    await page.close();
    const read = (rel: string) => JSON.parse(readFileSync(path.join(site, rel), 'utf8'));
    const table = read('pagefind/kb-search.json') as SearchTable;
    const map = new SlotMap(decodeSlots(table.slots));
    let checked = 0;
    for (const term of terms) {
      expect(found[term]!.length, term).toBeGreaterThan(0);
      for (const r of found[term]!) {
        for (const position of r.words) {
          const at = map.locate(table.records.indexOf(r.id), position)!;
          const { bucket, offset } = bucketOf(table.buckets, at.article)!;
          const n = (read(`kb/${bucket}/numbers.json`) as number[])[offset];
          const doc = read(`kb/${bucket}/Q${n}.json`) as ArticleDocument;
          const region = regionOf(at.local);
          if (region === 'query') continue;
          const body = doc.text.split(' ');
          const k = at.local - BODY_START;
          // Past the body's words: the segments of its names (names.ts).
          const segment = k >= body.length ? bodySegments(body)[k - body.length] : undefined;
          const word = region === 'title' ? [doc.id, ...splitWords(doc.title)][at.local] : segment ? segmentText(body, segment) : body[k];
          expect(word?.toLowerCase(), `${term} at ${doc.id}:${at.local}`).toContain(term);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('relevance', () => {
  it('finds each fixture query’s article in the top 3, and measures the transfer', async () => {
    const queries = parseQueries(readFileSync(path.join(repoRoot, 'tests/fixtures/relevance/fixtures.json'), 'utf8'));
    expect(queries.length).toBeGreaterThanOrEqual(20);
    const { relevance, transfer } = await probeSearch(site, { queries, query: 'print spooler' });
    expect(relevance?.misses).toEqual([]);
    expect(relevance?.hits).toBe(queries.length);
    expect(transfer.results).toBeGreaterThan(0);
    expect(Object.keys(transfer.byKind)).toEqual(expect.arrayContaining(['page', 'script', 'pagefind-js', 'wasm', 'meta', 'index', 'table', 'numbers', 'document']));
    // Neither Pagefind's result fragments (many articles each), nor its worker, nor filter data.
    for (const kind of ['fragment', 'filter', 'facets'] as const) expect(transfer.byKind[kind], kind).toBeUndefined();
    expect(transfer.files.map((f) => f.url)).not.toContain('/pagefind/pagefind-worker.js');
    expect(transfer.searchBytes).toBe(transfer.totalBytes - transfer.pageBytes);
  }, 120_000);
});
