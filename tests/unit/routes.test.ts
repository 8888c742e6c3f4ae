import { describe, expect, it } from 'vitest';
import { createRoutes, isArchiveFolder, normaliseBase, outputFileOf, sitePaths, typedForms } from '../../src/lib/routes.ts';

describe('site paths', () => {
  it('puts an article at its permalink, its JSON beside it, its short link at the root', () => {
    expect(sitePaths.article('Q192493')).toBe('/kb/192/Q192493/');
    expect(sitePaths.article('Q10022')).toBe('/kb/010/Q10022/');
    expect(sitePaths.articleJson('Q10022')).toBe('/kb/010/Q10022.json');
    expect(sitePaths.shortLink('Q192493')).toBe('/Q192493/');
    expect(() => sitePaths.article('X1')).toThrow('not an article id: X1');
  });
  it('numbers product listing pages from 2, and escapes a search query', () => {
    expect(sitePaths.product('winnt')).toBe('/id/winnt/');
    expect(sitePaths.product('winnt', 1)).toBe('/id/winnt/');
    expect(sitePaths.product('winnt', 3)).toBe('/id/winnt/3/');
    expect(sitePaths.search('a&b c')).toBe('/search/?q=a%26b+c');
    expect(sitePaths.file('/favicon.svg')).toBe('/favicon.svg');
  });
  it('lists the typed forms people use for an article', () => {
    expect(typedForms('Q192493')).toEqual(['/q192493', '/kb/192493', '/kb/Q192493']);
  });
  it('maps site paths to the files Astro writes', () => {
    expect(outputFileOf('/')).toBe('index.html');
    expect(outputFileOf('/kb/192/')).toBe('kb/192/index.html');
    expect(outputFileOf('/kb/192/Q192493.json')).toBe('kb/192/Q192493.json');
    expect(outputFileOf('/_redirects')).toBe('_redirects');
  });
  it('knows which output folders the archive prunes', () => {
    expect(['kb', 'id', 'Q192493'].every(isArchiveFolder)).toBe(true);
    expect(['pagefind', '_astro', 'search', 'Qx', 'q192493'].some(isArchiveFolder)).toBe(false);
  });
});

describe('routes under a base', () => {
  it('normalises the base however it is written', () => {
    for (const b of ['/support/kb/', '/support/kb', 'support/kb', '//support/kb//']) expect(normaliseBase(b)).toBe('/support/kb/');
    for (const b of ['', '/', '//']) expect(normaliseBase(b)).toBe('/');
  });
  it('puts the base in front of every builder', () => {
    const r = createRoutes('/support/kb');
    expect(r.base).toBe('/support/kb/');
    expect(r.home()).toBe('/support/kb/');
    expect(r.article('Q192493')).toBe('/support/kb/kb/192/Q192493/');
    expect(r.bucketNumbers('192')).toBe('/support/kb/kb/192/numbers.json');
    expect(r.pagefind('pagefind.js')).toBe('/support/kb/pagefind/pagefind.js');
    expect(r.search('Q1')).toBe('/support/kb/search/?q=Q1');
    expect(r.withBase('/q192493')).toBe('/support/kb/q192493');
    // Every builder of sitePaths has its based twin.
    for (const name of Object.keys(sitePaths)) expect(typeof (r as unknown as Record<string, unknown>)[name]).toBe('function');
  });
  it('is the identity at the root', () => {
    const r = createRoutes('/');
    expect(r.article('Q192493')).toBe(sitePaths.article('Q192493'));
    expect(r.home()).toBe('/');
  });
  it('takes the base off a URL path, and says when a path is outside it', () => {
    const r = createRoutes('/support/kb/');
    expect(r.sitePathOf('/support/kb/kb/192493')).toBe('/kb/192493');
    expect(r.sitePathOf('/support/kb/')).toBe('/');
    expect(r.sitePathOf('/support/kb')).toBe('/');
    expect(r.sitePathOf('/other/Q192493/')).toBeUndefined();
    expect(createRoutes('/').sitePathOf('/Q1/')).toBe('/Q1/');
  });
});
