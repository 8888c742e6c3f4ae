import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSiteDir } from '../build/astro.ts';
import { launchBrowser } from './browser.ts';
import { serveStatic } from './server.ts';

let browser: Browser;
let context: BrowserContext;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  server = await serveStatic(fixtureSiteDir);
  browser = await launchBrowser();
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.origin + path);
  return page;
}

describe('copy buttons', () => {
  it('copy the link and the citation', async () => {
    const page = await open('/kb/192/Q192493/');
    await page.getByRole('button', { name: 'Copy link' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('http://localhost:4321/kb/192/Q192493/');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Copied');
    await page.getByRole('button', { name: 'Copy citation' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "[Q192493: XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key](http://localhost:4321/kb/192/Q192493/)",
    );
    await page.getByRole('button', { name: 'Copy as text' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "Q192493: XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key <http://localhost:4321/kb/192/Q192493/>",
    );
    await page.close();
  });
});

describe('short links and typed forms reach the article on a plain static server', () => {
  for (const typed of ['/Q192493/', '/Q192493', '/q192493', '/kb/192493', '/kb/Q192493', '/kb/192493/', '/some/where/KB192493']) {
    it(typed, async () => {
      const page = await open(typed);
      await page.waitForURL(`${server.origin}/kb/192/Q192493/`);
      expect(await page.locator('h1').textContent()).toBe("XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key");
      await page.close();
    });
  }

  it('keeps a deep link to a section through the 404 page', async () => {
    const page = await open('/q192493#resolution');
    await page.waitForURL(`${server.origin}/kb/192/Q192493/#resolution`);
    await page.close();
  });
});

describe('the 404 page', () => {
  it('says a number is not in the archive and offers the nearest ones', async () => {
    const page = await open('/Q900002/');
    const status = page.locator('kb-number-lookup [data-status]');
    await expect.poll(() => status.textContent()).toContain('Q900002 is not in this archive.');
    expect(await status.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/kb/900/Q900001/',
      '/kb/900/Q900003/',
      '/kb/900/Q900004/',
      '/kb/900/Q900005/',
      '/search/?q=Q900002',
    ]);
    await page.close();
  });
  it('finds the nearest numbers in neighbouring buckets when a bucket is empty', async () => {
    const page = await open('/Q500000/');
    const status = page.locator('kb-number-lookup [data-status]');
    await expect.poll(() => status.textContent()).toContain('Q500000 is not in this archive.');
    expect(await status.locator('a').allTextContents()).toEqual(['Q192493', 'Q900001', 'Q900003', 'Q900004', 'Search the archive for Q500000']);
    await page.close();
  });
  it('is a plain 404 for an address with no number', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${server.origin}/no/such/page/`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.close();
  });
});

describe('the home page lookup', () => {
  it('opens an article from its number', async () => {
    const page = await open('/');
    await page.getByLabel('Article number').fill('kb10001');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`${server.origin}/kb/010/Q10001/`);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('an article still reads, with its permalink and citation', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${server.origin}/kb/900/Q900001/`);
    expect(await page.locator('.article-body h2').count()).toBe(5);
    expect(await page.getByRole('button', { name: 'Copy link' }).count()).toBe(0);
    expect(await page.locator('.share details code').first().textContent()).toContain('[Q900001:');
    await noJs.close();
  });
});

describe('accessibility (axe)', () => {
  for (const path of ['/', '/kb/', '/kb/900/', '/id/', '/id/winnt/', '/kb/192/Q192493/', '/kb/900/Q900001/', '/kb/900/Q900004/', '/lookup/']) {
    it(path, async () => {
      const page = await open(path);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.close();
    });
  }
});
