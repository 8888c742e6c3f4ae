import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureSiteDir } from './astro.ts';
import { decodeDates, decodeIndexes, decodeSlots, encodeIndexes, type SearchFacetsFile, type SearchTable } from '../../src/lib/search/table.ts';
import { page } from './html.ts';

/** Every page kind the site renders, with the header. */
const PAGE_KINDS = ['/', '/kb/', '/kb/900/', '/kb/192/Q192493/', '/id/', '/id/winnt/', '/lookup/', '/404.html', '/search/'];

function htmlFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) return e.name === 'pagefind' || e.name === '_astro' ? [] : htmlFiles(dir, p);
    return e.name.endsWith('.html') ? [p] : [];
  });
}

describe('the search box in the header', () => {
  for (const kind of PAGE_KINDS) {
    it(`is a plain form to /search/ on ${kind}`, () => {
      const $ = page(kind);
      const form = $('header.site-header form[role=search]');
      expect(form).toHaveLength(1);
      expect(form.attr('action')).toBe('/search/');
      expect(form.attr('method')).toBe('get');
      const input = form.find('input[name=q]');
      expect(input).toHaveLength(1);
      expect($(`label[for="${input.attr('id')}"]`).text()).toBe('Search the archive');
      expect(form.find('button[type=submit]')).toHaveLength(1);
    });
  }
});

describe('the search page', () => {
  const $ = page('/search/');
  it('has a search form with filters, sort, a live result count and a result list', () => {
    const form = $('kb-search form[role=search]');
    expect(form.attr('action')).toBe('/search/');
    expect(form.find('input[type=search][name=q]')).toHaveLength(1);
    expect(form.find('select').map((_, s) => $(s).attr('name')).get()).toEqual(['product', 'year', 'os', 'sort']);
    for (const s of form.find('select').toArray()) expect($(`label[for="${$(s).attr('id')}"]`).text()).not.toBe('');
    expect(form.find('details summary').text()).toBe('Filters');
    expect($('kb-search [data-count][role=status]')).toHaveLength(1);
    expect($('kb-search ol[data-results]')).toHaveLength(1);
    expect($('kb-search noscript').text()).toContain('needs JavaScript');
  });
  it('is kept out of search engines, and loads its script as a module', () => {
    expect($('meta[name=robots]').attr('content')).toBe('noindex');
    expect($('script[type=module][src^="/_astro/"]').length).toBeGreaterThan(0);
  });
});

describe('the Pagefind bundle', () => {
  const bundle = path.join(fixtureSiteDir, 'pagefind');
  it('is written with the browser API, the highlighter, and an index of every article with our search table', () => {
    for (const f of ['pagefind.js', 'pagefind-highlight.js', 'pagefind-entry.json', 'wasm.en.pagefind', 'kb-search.json', 'kb-facets.json']) {
      expect(existsSync(path.join(bundle, f)), f).toBe(true);
    }
    const json = (f: string) => JSON.parse(readFileSync(path.join(bundle, f), 'utf8'));
    const entry = json('pagefind-entry.json');
    const table = json('kb-search.json') as SearchTable;
    // Seven articles, in one record: slots of 128 words say where each is.
    expect(table.records).toHaveLength(entry.languages.en.page_count);
    expect(table.records).toHaveLength(1);
    expect(decodeSlots(table.slots)).toEqual([1, 3, 2, 2, 1, 1, 1]);
    expect(table.buckets).toEqual([['010', 1], ['192', 1], ['900', 5]]);
    const facets = json('kb-facets.json') as SearchFacetsFile;
    expect(Object.keys(facets.filters)).toEqual(['product', 'year', 'os']);
    // Q192493, the second article in number order, is the only Exchange article; it was last modified in 1999.
    expect(facets.filters.product!['Microsoft Exchange']).toBe(encodeIndexes([1]));
    expect(decodeIndexes(facets.filters.year!['1999']!)).toContain(1);
    expect(decodeDates(facets.dates)).toHaveLength(7);
  });
  it('is referenced by no page other than the search page: nothing loads until someone searches', () => {
    const files = htmlFiles(fixtureSiteDir).filter((f) => f !== path.join('search', 'index.html'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const html = readFileSync(path.join(fixtureSiteDir, f), 'utf8');
      const $ = page(`/${f}`);
      expect($('script[src*="pagefind"], link[href*="pagefind"]'), f).toHaveLength(0);
      expect($('script:not([src])').text(), f).not.toContain('pagefind');
      expect(html, f).not.toMatch(/modulepreload[^>]*pagefind/);
    }
  });
  it('is imported by an article page only when it is opened from a result', () => {
    const $ = page('/kb/192/Q192493/');
    const src = $('script[type=module][src]').attr('src')!;
    // The page's script and the chunks it imports statically (the route module).
    const read = (file: string): string[] => {
      const code = readFileSync(path.join(fixtureSiteDir, file), 'utf8');
      const imports = [...code.matchAll(/^import[^"']*["']\.\/([\w.-]+\.js)["']/gm)].map((m) => path.posix.join(path.posix.dirname(file), m[1]!));
      return [code, ...imports.flatMap(read)];
    };
    const code = read(src).join('\n');
    expect(code.match(/pagefind[\w.-]*\.js/g)).toEqual(['pagefind-highlight.js']);
    expect(code).not.toContain('kb-search.json');
    // A dynamic import, which the browser tests show runs only with `?pagefind-highlight=`.
    expect(code).toMatch(/import\(/);
  });
});
