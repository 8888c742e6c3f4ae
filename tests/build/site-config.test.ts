/**
 * Another team's site: content/ built with the config file in
 * tests/fixtures/site-config (its title, notice, product table and logo) and
 * `--base /support/kb/`. Its pages, files and links all carry that config and
 * stay under the base; a bad config stops the build naming the field.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSiteLinks } from '../../scripts/lib/links.ts';
import { checkBuiltLinks } from '../../scripts/lib/site-links.ts';
import { referenceArchive } from '../../src/utils/reference-archive.ts';
import { astroBuild, BASE_PATH, baseSiteDir, fixtureSiteDir, repoRoot } from './astro.ts';
import { page } from './html.ts';

const config = JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/site-config/kb-config.json'), 'utf8')) as { title: string; notice: string };
const at = (urlPath: string) => page(urlPath, baseSiteDir);
const htmlFiles = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));

describe('a site config file (KB_CONFIG)', () => {
  it('names the site in the header, every title and the previews', () => {
    const $ = at('/kb/192/Q192493/');
    expect($('.site-name').text().trim()).toBe(config.title);
    expect($('title').text()).toBe(`Q192493: XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key | ${config.title}`);
    expect($('meta[property="og:site_name"]').attr('content')).toBe(config.title);
    expect(JSON.parse($('script[type="application/ld+json"]').text()).isPartOf.name).toBe(config.title);
    expect(at('/')('h1').text()).toBe(config.title);
  });

  it('puts its notice in every footer, and the reference archive’s notice nowhere', () => {
    const files = htmlFiles(baseSiteDir);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const html = readFileSync(path.join(baseSiteDir, f), 'utf8');
      expect(html, f).not.toContain(referenceArchive.notice.slice(0, 60));
      const $ = load(html);
      // Short links are bare forwarding pages; every other page has the footer.
      if (/^Q\d+\//.test(f)) continue;
      expect($('footer.site-footer .legal').text(), f).toBe(config.notice);
    }
    // The default build does carry the reference notice: the test would see it.
    expect(page('/')('footer .legal').text()).toBe(referenceArchive.notice);
  });

  it('files articles under its own product table, with its names', () => {
    const $ = at('/kb/192/Q192493/');
    const products = $('dl.meta dt').filter((_, el) => $(el).text() === 'Products').next('dd');
    expect(products.text()).toBe('Contoso Mail Server');
    expect(products.find('a').attr('href')).toBe(`${BASE_PATH}id/exchange/`);
    const $products = at('/id/');
    const names = $products('table a').map((_, el) => $products(el).text()).get();
    expect(names).toEqual(expect.arrayContaining(['Contoso Desktop', 'Contoso Mail Server']));
    expect(names).not.toContain('Microsoft Exchange');
  });

  it('shows its logo from public/, under the base', () => {
    const logo = at('/')('.site-name img');
    expect(logo.attr('src')).toBe(`${BASE_PATH}favicon.svg`);
    expect(logo.attr('alt')).toBe('Contoso');
  });
});

describe('hosting under a sub-path (--base /support/kb/)', () => {
  it('puts every root-relative link, asset, form and script under the base', () => {
    const outside: string[] = [];
    for (const f of htmlFiles(baseSiteDir)) {
      const $ = load(readFileSync(path.join(baseSiteDir, f), 'utf8'));
      $('[href], [src], [action]').each((_, el) => {
        for (const name of ['href', 'src', 'action']) {
          const v = $(el).attr(name);
          if (v?.startsWith('/') && !v.startsWith(BASE_PATH)) outside.push(`${f}: ${name}=${v}`);
        }
      });
      const refresh = $('meta[http-equiv="refresh"]').attr('content');
      if (refresh && !refresh.includes(`url=${BASE_PATH}`)) outside.push(`${f}: refresh ${refresh}`);
    }
    expect(outside).toEqual([]);
  });

  it('has no broken internal link under the base, by either check', async () => {
    const files = await checkBuiltLinks(baseSiteDir, { base: BASE_PATH });
    expect(files.broken).toEqual([]);
    expect(files.checked).toBeGreaterThan(200);
    const crawl = await checkSiteLinks(baseSiteDir, { base: BASE_PATH });
    expect(crawl.broken).toEqual([]);
    expect(crawl.checked).toBeGreaterThan(40);
    // Without the base, the same site's links do not resolve: the check can fail.
    expect((await checkBuiltLinks(baseSiteDir)).broken.length).toBeGreaterThan(100);
  });

  it('gives canonical, preview, sitemap, JSON and redirect URLs under the base', () => {
    const $ = at('/kb/192/Q192493/');
    const url = `http://localhost:4321${BASE_PATH}kb/192/Q192493/`;
    expect($('link[rel=canonical]').attr('href')).toBe(url);
    expect($('meta[property="og:url"]').attr('content')).toBe(url);
    const doc = JSON.parse(readFileSync(path.join(baseSiteDir, 'kb/192/Q192493.json'), 'utf8')) as { url: string; products: { name: string }[] };
    expect(doc.url).toBe(url);
    expect(doc.products).toEqual([{ code: 'exchange', name: 'Contoso Mail Server' }]);
    const sitemap = readFileSync(path.join(baseSiteDir, 'sitemap-0.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs).toContain(url);
    expect(locs.every((l) => l.startsWith(`http://localhost:4321${BASE_PATH}`))).toBe(true);
    const redirects = readFileSync(path.join(baseSiteDir, '_redirects'), 'utf8');
    expect(redirects).toContain(`${BASE_PATH}q192493 ${BASE_PATH}kb/192/Q192493/ 301\n`);
    expect(redirects.split('\n').filter(Boolean).every((r) => r.startsWith(BASE_PATH))).toBe(true);
    expect(readFileSync(path.join(baseSiteDir, 'robots.txt'), 'utf8')).toContain(`Sitemap: http://localhost:4321${BASE_PATH}sitemap-index.xml`);
  });

  it('builds its help texts from the archive being built, not from a fixed article', () => {
    // content/'s first article is Q10001: the lookup page offers its short link.
    expect(at('/lookup/')('main a code').text()).toBe(`${BASE_PATH}Q10001/`);
    expect(at('/search/')('#search-hint').text()).toContain('Q10001');
  });
});

describe('a bad site config', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  function buildWith(config: unknown, extra: Record<string, string> = {}) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-config-'));
    dirs.push(dir);
    const file = path.join(dir, 'kb-config.json');
    writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
    for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(dir, name), text);
    return astroBuild(path.join(repoRoot, 'content'), path.join(dir, 'dist'), [], { KB_CONFIG: file, KB_SEARCH_INDEX: '0', KB_CACHE_DIR: path.join(dir, 'cache') });
  }

  it('stops the build, naming the field and what is wrong', () => {
    const run = buildWith({ title: 42, site: 'not a url', notice: true });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('Invalid kb-archive site config');
    expect(run.output).toMatch(/`title`: .*string/);
    expect(run.output).toMatch(/`site`: must be an http\(s\) URL/);
    expect(run.output).toMatch(/`notice`/);
    expect(run.output).toContain('Site config');
  });

  it('names a field it does not know', () => {
    const run = buildWith({ titel: 'Typo' });
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/Unrecognized key.*titel/);
  });

  it('names the product table’s file and line', () => {
    const run = buildWith({ products: 'products.tsv' }, { 'products.tsv': 'code\tname\nexchange\tMail\nBad Code\tX\n' });
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/`products`: .*products\.tsv:3: .*product code `Bad Code`/);
  });

  it('names a logo that is not in public/', () => {
    const run = buildWith({ logo: { src: '/no-such-logo.svg', alt: 'x' } });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('`logo.src`: /no-such-logo.svg is not a file in public/');
  });

  it('names a config file that is not JSON', () => {
    const run = buildWith('{ title: oops');
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/KB_CONFIG: cannot read .*kb-config\.json/);
  });

  it('leaves the default site as it was (the fixture site has the reference title)', () => {
    expect(page('/', fixtureSiteDir)('.site-name').text().trim()).toBe(referenceArchive.title);
  });
});
