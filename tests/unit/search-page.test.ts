import { describe, expect, it } from 'vitest';
import { countValues, everyArticle, type Facets, filterOptions, orderResults } from '../../src/lib/search/facets.ts';
import { nextPage, PAGE_SIZE, statusText } from '../../src/lib/search/status.ts';

// Five articles (indexes 0-4): products, years, and dates (article 3 has none).
const has = (...articles: number[]) => Uint8Array.from({ length: 5 }, (_, a) => (articles.includes(a) ? 1 : 0));
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const facets: Facets = {
  filters: new Map([
    ['product', new Map([['Exchange', has(0, 2, 4)], ['Word', has(1, 3)]])],
    ['year', new Map([['1998', has(0, 1)], ['1999', has(2, 4)]])],
    ['os', new Map([['Windows NT', has(2)]])],
  ]),
  dates: Float64Array.from([day('1998-01-05'), day('1998-06-01'), day('1999-04-22'), Number.NaN, day('1999-04-22')]),
};
const ranked = [4, 2, 3, 0, 1].map((article, i) => ({ article, score: 10 - i }));

describe('search page: filters and order', () => {
  it('counts each value among the found articles, leaving out values none has', () => {
    expect(countValues(facets, [2, 4])).toEqual({ product: { Exchange: 2 }, year: { '1999': 2 }, os: { 'Windows NT': 1 } });
    expect(countValues(facets, [1])).toEqual({ product: { Word: 1 }, year: { '1998': 1 }, os: {} });
  });

  it('lists years newest first, other values alphabetically, and keeps the chosen value', () => {
    expect(filterOptions('year', { '1998': 2, '1999': 1 })).toEqual([['1999', 1], ['1998', 2]]);
    expect(filterOptions('product', { Word: 1, Exchange: 3 }, 'Access')).toEqual([['Access', 0], ['Exchange', 3], ['Word', 1]]);
    expect(filterOptions('os', undefined, '')).toEqual([]);
  });

  it('keeps the ranking by relevance and applies every chosen filter', () => {
    expect(orderResults(ranked, { filters: {}, sort: 'relevance' }, facets)).toEqual([4, 2, 3, 0, 1]);
    expect(orderResults(ranked, { filters: { product: 'Exchange' }, sort: 'relevance' }, facets)).toEqual([4, 2, 0]);
    expect(orderResults(ranked, { filters: { product: 'Exchange', os: 'Windows NT' }, sort: 'relevance' }, facets)).toEqual([2]);
    expect(orderResults(ranked, { filters: { product: 'Lotus' }, sort: 'relevance' }, facets)).toEqual([]);
  });

  it('sorts by date with undated articles last, equal dates in rank order', () => {
    expect(orderResults(ranked, { filters: {}, sort: 'newest' }, facets)).toEqual([4, 2, 1, 0, 3]);
    expect(orderResults(ranked, { filters: {}, sort: 'oldest' }, facets)).toEqual([0, 1, 4, 2, 3]);
  });

  it('leaves the ranking alone while the facets are not loaded', () => {
    expect(orderResults(ranked, { filters: { product: 'Word' }, sort: 'newest' }, undefined)).toEqual([4, 2, 3, 0, 1]);
  });

  it('starts a search by filters alone from every article in number order', () => {
    expect(everyArticle(3).map((r) => r.article)).toEqual([0, 1, 2]);
  });
});

describe('search page: paging and status', () => {
  it('pages ten at a time until the results run out', () => {
    const results = Array.from({ length: 23 }, (_, i) => i);
    const first = nextPage(results, 0);
    expect(first).toEqual({ batch: results.slice(0, PAGE_SIZE), taken: 10 });
    const third = nextPage(results, 20);
    expect(third).toEqual({ batch: [20, 21, 22], taken: 23 });
    expect(nextPage(results, 23)).toEqual({ batch: [], taken: 23 });
  });

  it('says what was found, for what, with which words left out and whether filters applied', () => {
    expect(statusText({ count: 0, q: 'zzzz', filtered: false, dropped: [] })).toBe('No results for “zzzz”.');
    expect(statusText({ count: 0, q: '', filtered: true, dropped: [] })).toBe('No results with the chosen filters.');
    expect(statusText({ count: 1, q: 'Q192493', filtered: false, dropped: [] })).toBe('1 result for “Q192493”.');
    expect(statusText({ count: 12345, q: 'spooler zzz', filtered: true, dropped: ['zzz'] })).toBe(
      '12,345 results for “spooler zzz”, without “zzz” (no article has every word) with the chosen filters.',
    );
    expect(statusText({ count: 2, q: 'a b c', filtered: false, dropped: ['b', 'c'] })).toBe('2 results for “a b c”, without “b” and “c” (no article has every word).');
  });
});
