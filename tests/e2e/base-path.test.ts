/**
 * The site built for another team (tests/fixtures/site-config) under
 * `/support/kb/`, served there by a plain static host whose other paths are
 * not the site's: search, short links, typed forms and number lookups must all
 * stay under the base.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_PATH, baseSiteDir } from '../build/astro.ts';
import { launchBrowser } from './browser.ts';
import { serveStatic, type StaticServer } from './server.ts';

let browser: Browser;
let context: BrowserContext;
let server: StaticServer;

beforeAll(async () => {
  server = await serveStatic(baseSiteDir, { base: BASE_PATH });
  browser = await launchBrowser();
  context = await browser.newContext();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a path below the base, recording every path the page requests. */
async function open(below: string): Promise<{ page: Page; requested: string[] }> {
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin === server.origin) requested.push(url.pathname);
  });
  await page.goto(server.url + below);
  return { page, requested };
}

const article = `${BASE_PATH}kb/192/Q192493/`;

describe('under a base path', () => {
  it('searches, with every fetch under the base, and opens the result there', async () => {
    const { page, requested } = await open('search/?q=MSExchangeES');
    const first = page.locator('kb-search .search-result-link').first();
    await expect.poll(() => first.getAttribute('href'), { timeout: 15_000 }).toMatch(new RegExp(`^${article}\\?`));
    expect(await page.locator('kb-search .search-result-id').first().textContent()).toBe('Q192493');
    // Contoso's product table names the product.
    expect(await page.locator('kb-search .search-result-product').first().textContent()).toBe('Contoso Mail Server');
    expect(requested.some((p) => p.startsWith(`${BASE_PATH}pagefind/`))).toBe(true);
    expect(requested.filter((p) => !p.startsWith(BASE_PATH))).toEqual([]);
    await first.click();
    await page.waitForURL((u) => u.pathname === article);
    await page.close();
  });

  it('opens an article from its number, in the search box and the home page form', async () => {
    const { page } = await open('search/');
    await page.getByRole('searchbox', { name: 'Words, or an article number' }).fill('kb900001');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `${BASE_PATH}kb/900/Q900001/`);
    await page.goto(server.url);
    await page.getByLabel('Article number').fill('Q10001');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL((u) => u.pathname === `${BASE_PATH}kb/010/Q10001/`);
    await page.close();
  });

  for (const typed of ['Q192493/', 'q192493', 'kb/192493', 'kb/Q192493']) {
    it(`sends ${BASE_PATH}${typed} to the article`, async () => {
      const { page } = await open(typed);
      await page.waitForURL((u) => u.pathname === article);
      expect(await page.locator('h1').textContent()).toBe("XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key");
      await page.close();
    });
  }

  it('offers the nearest numbers, under the base, for one the archive lacks', async () => {
    const { page } = await open('Q900002/');
    const status = page.locator('kb-number-lookup [data-status]');
    await expect.poll(() => status.textContent()).toContain('Q900002 is not in this archive.');
    const hrefs = await status.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([`${BASE_PATH}kb/900/Q900001/`, `${BASE_PATH}kb/900/Q900003/`, `${BASE_PATH}kb/900/Q900004/`, `${BASE_PATH}kb/900/Q900005/`, `${BASE_PATH}search/?q=Q900002`]);
    await page.close();
  });

  it('passes axe with its own title, logo and notice', async () => {
    const { page } = await open('');
    expect(await page.locator('.site-name').textContent()).toContain('Contoso Support Archive');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await page.close();
  });
});
