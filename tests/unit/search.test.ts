import { describe, expect, it } from 'vitest';
import { indexSecondsIn, kindOf, parseQueries } from '../../scripts/lib/search-probe.ts';
import { queryNumber, readState, searchTerms, stateSearch } from '../../src/lib/search/query.ts';
import { dropOrder, queryWords } from '../../src/lib/search/relax.ts';
import { formatDate, pathOf, pinFirst } from '../../src/lib/search/results.ts';

describe('search state in the address', () => {
  it('reads the query, filters and sort, ignoring what it does not know', () => {
    expect(readState(new URLSearchParams('q=setup+exchange&product=Microsoft+Exchange&year=1999&sort=newest&page=3'))).toEqual({
      q: 'setup exchange',
      filters: { product: 'Microsoft Exchange', year: '1999' },
      sort: 'newest',
      verbatim: false,
    });
    expect(readState(new URLSearchParams('q=x&product=&os=+&sort=sideways&verbatim=yes'))).toEqual({ q: 'x', filters: {}, sort: 'relevance', verbatim: false });
    expect(readState(new URLSearchParams('q=msexchagnees&verbatim=1')).verbatim).toBe(true);
  });
  it('writes only what differs from the default, and round-trips', () => {
    const state = { q: ' print  spooler ', filters: { os: 'MS-DOS', year: '1991' }, sort: 'oldest' as const, verbatim: true };
    expect(stateSearch(state)).toBe('?q=print++spooler&year=1991&os=MS-DOS&sort=oldest&verbatim=1');
    expect(readState(new URLSearchParams(stateSearch(state)))).toEqual({ ...state, q: 'print  spooler' });
    expect(stateSearch({ q: '', filters: {}, sort: 'relevance', verbatim: true })).toBe('');
  });
  it('looks up each word as Pagefind reads it, once; a quoted query is a phrase', () => {
    expect(searchTerms('EXE checksum /EXEPACK exe -- KMODE_EXCEPTION')).toEqual({ words: ['exe', 'checksum', 'exepack', 'kmode_exception'], phrase: false });
    expect(searchTerms('"print spooler print"')).toEqual({ words: ['print', 'spooler', 'print'], phrase: true });
    expect(searchTerms('  ')).toEqual({ words: [], phrase: false });
  });
});

describe('number queries', () => {
  it('recognise the forms people type or paste', () => {
    for (const q of ['Q192493', 'q192493', '192493', 'KB192493', 'kb192493', ' Q192493 ', '/kb/192493', 'https://support.microsoft.com/kb/192493', '/kb/192/Q192493/']) {
      expect(queryNumber(q), q).toBe(192493);
    }
    expect(queryNumber('Q10001')).toBe(10001);
  });
  it('leave words with numbers in them to the word search', () => {
    for (const q of ['Windows 2000', '1999-04-22', 'error 429', 'Q192493 setup', 'win2000', 'exchange', '', '123']) {
      expect(queryNumber(q), q).toBeUndefined();
    }
  });
});

describe('results', () => {
  it('show the date as article pages do', () => {
    expect(formatDate('1999-04-22')).toBe('22 April 1999');
    expect(formatDate('1991-09-07')).toBe('7 September 1991');
    expect(formatDate('')).toBe('');
  });
  it('put the exact article first, once', () => {
    const same = (a: string, b: string) => pathOf(a) === pathOf(b);
    const found = ['/kb/100/Q100012/?pagefind-highlight=1000', '/kb/001/Q1000/?pagefind-highlight=1000', '/kb/100/Q100013/'];
    expect(pinFirst(found, '/kb/001/Q1000/', same)).toEqual(['/kb/001/Q1000/', '/kb/100/Q100012/?pagefind-highlight=1000', '/kb/100/Q100013/']);
    expect(pinFirst(found, undefined, same)).toEqual(found);
    expect(pathOf('/kb/192/Q192493/?pagefind-highlight=setup#cause')).toBe('/kb/192/Q192493/');
  });
});

describe('queries no article matches in full', () => {
  it('drop words no article has first, then the commonest', () => {
    const words = queryWords('EXE checksum wrong LINK /CODEVIEW xyzzy - /EXEPACK');
    expect(words).toEqual(['EXE', 'checksum', 'wrong', 'LINK', '/CODEVIEW', 'xyzzy', '/EXEPACK']);
    expect(dropOrder(words, [300, 40, 2500, 900, 12, 0, 9])).toEqual(['xyzzy', 'wrong', 'LINK', 'EXE', 'checksum', '/CODEVIEW', '/EXEPACK']);
    expect(dropOrder(['a', 'b'], [5, 5])).toEqual(['a', 'b']);
  });
});

describe('search probe', () => {
  it('sorts transferred files by kind', () => {
    const kinds: [string, string][] = [
      ['/search/?q=x', 'page'],
      ['/_astro/BaseLayout.abc.css', 'page'],
      ['/_astro/Search.abc.js', 'script'],
      ['/pagefind/pagefind.js', 'pagefind-js'],
      ['/pagefind/pagefind-worker.js', 'pagefind-js'],
      ['/pagefind/wasm.en.pagefind', 'wasm'],
      ['/pagefind/pagefind-entry.json?ts=1', 'entry'],
      ['/pagefind/pagefind.en_1.pf_meta', 'meta'],
      ['/pagefind/index/en_1.pf_index', 'index'],
      ['/pagefind/filter/en_1.pf_filter', 'filter'],
      ['/pagefind/fragment/en_1.pf_fragment', 'fragment'],
      ['/pagefind/kb-search.json', 'table'],
      ['/pagefind/kb-facets.json', 'facets'],
      ['/pagefind/kb-words/ms.txt', 'words'],
      ['/kb/192/numbers.json', 'numbers'],
      ['/kb/buckets.json', 'numbers'],
      ['/kb/192/Q192493.json', 'document'],
    ];
    for (const [url, kind] of kinds) expect(kindOf(`http://h${url}`), url).toBe(kind);
  });
  it('reads the indexing time from the build output', () => {
    expect(indexSecondsIn('[kb-article-files] search index: 57316 articles in 956 records, built in 131.8 s\n')).toBe(131.8);
    expect(indexSecondsIn('[kb-article-files] search index: 7 articles in 1 records, unchanged, kept')).toBeUndefined();
  });
  it('reads relevance files', () => {
    expect(parseQueries('{"queries":[{"q":"a","expect":"Q1"}]}')).toEqual([{ q: 'a', expect: 'Q1' }]);
    expect(parseQueries('[{"q":"a","expect":"Q1","kind":"number"}]')).toHaveLength(1);
    expect(() => parseQueries('[{"q":"a"}]')).toThrow(/needs/);
  });
});
