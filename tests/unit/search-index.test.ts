import { describe, expect, it } from 'vitest';
import { bodyMarks, excerptOf } from '../../src/lib/search/excerpt.ts';
import { bodySegments, segmentText, wordSegments } from '../../src/lib/search/names.ts';
import { BODY_START, GROUP_SLOTS, indexWord, packRecords, PAD, regionOf, SLOT_WORDS, SlotMap, splitWords, TITLE_END } from '../../src/lib/search/layout.ts';
import { articleWords, commonSpellings, layoutTokens, Lexicon, RecordText, slotCount } from '../../src/lib/search/tokens.ts';
import { indexForm } from '../../src/lib/search/spelling.ts';
import { VocabularyCounter } from '../../src/lib/search/vocabulary.ts';
import { exactly, matchAll, rank, type WordHits } from '../../src/lib/search/rank.ts';
import { bucketOf, decodeDates, decodeIndexes, decodeSlots, encodeDates, encodeIndexes, encodeSlots } from '../../src/lib/search/table.ts';

const hits = (entries: [number, number[]][]): WordHits => new Map(entries);

describe('article layout in search records', () => {
  it('puts the id and title, the query words and the body at fixed places, padded to whole slots', () => {
    const words = articleWords({ id: 'Q900010', title: 'ESEUTIL  repair\u200b guide', queryWords: 'eseutil.exe', body: 'Run ESEUTIL /P first.' });
    expect(words).toHaveLength(SLOT_WORDS);
    expect(words.slice(0, 5)).toEqual(['Q900010', 'ESEUTIL', 'repair', 'guide', PAD]);
    expect(words[TITLE_END]).toBe('eseutil.exe');
    expect(words.slice(BODY_START, BODY_START + 5)).toEqual(['Run', 'ESEUTIL', '/P', 'first.', PAD]);
    expect([regionOf(3), regionOf(TITLE_END), regionOf(BODY_START)]).toEqual(['title', 'query', 'body']);
  });
  it('takes as many slots as the body needs, and keeps title and query words that overflow their place', () => {
    const body = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
    const title = Array.from({ length: 60 }, (_, i) => `t${i}`).join(' ');
    const a = { id: 'Q1', title, body };
    const words = articleWords(a);
    const overflow = 61 - TITLE_END;
    expect(words).toHaveLength(Math.ceil((BODY_START + 1500 + overflow) / SLOT_WORDS) * SLOT_WORDS);
    expect(words[TITLE_END - 1]).toBe(`t${TITLE_END - 2}`);
    expect(words.slice(BODY_START + 1500, BODY_START + 1500 + overflow)).toEqual(Array.from({ length: overflow }, (_, i) => `t${TITLE_END - 1 + i}`));
    expect(words[BODY_START + 1500 + overflow]).toBe(PAD);
  });
  it('splits words where both Pagefind and the browser see whitespace', () => {
    expect(splitWords(' a\u00a0b\u0085c\ufeffd\u3000e\n\tf ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(splitWords('zero\u200bwidth')).toEqual(['zerowidth']);
  });
  it("keeps text that looks like Pagefind's own markers an ordinary word", () => {
    expect(indexWord('___PAGEFIND_WEIGHT___9')).toBe('\u200b___PAGEFIND_WEIGHT___9');
    expect(indexWord('__init__')).toBe('__init__');
  });
});

describe('records', () => {
  it('fill with whole articles up to their slot budget; an outsized article stands alone', () => {
    expect(packRecords([1, 1, 1])).toEqual([0]);
    const slots = [...Array(GROUP_SLOTS - 1).fill(1), 2, 1, GROUP_SLOTS + 5, 1];
    expect(packRecords(slots)).toEqual([0, GROUP_SLOTS - 1, GROUP_SLOTS + 1, GROUP_SLOTS + 2]);
  });
  it('map a record position to its article and the position within it', () => {
    const map = new SlotMap([1, 3, 1]);
    expect(map.records).toBe(1);
    expect(map.locate(0, 5)).toEqual({ article: 0, local: 5 });
    expect(map.locate(0, SLOT_WORDS)).toEqual({ article: 1, local: 0 });
    expect(map.locate(0, 3 * SLOT_WORDS + 7)).toEqual({ article: 1, local: 2 * SLOT_WORDS + 7 });
    expect(map.locate(0, 4 * SLOT_WORDS + 1)).toEqual({ article: 2, local: 1 });
    expect(map.locate(0, 5 * SLOT_WORDS)).toBeUndefined();
    expect(map.locate(1, 0)).toBeUndefined();
    const two = new SlotMap([...Array(GROUP_SLOTS).fill(1), 1]);
    expect(two.locate(1, 3)).toEqual({ article: GROUP_SLOTS, local: 3 });
    expect([0, GROUP_SLOTS - 1, GROUP_SLOTS].map((a) => two.recordOf(a))).toEqual([0, 0, 1]);
    const three = new SlotMap([GROUP_SLOTS + 2, 3, GROUP_SLOTS, 1]);
    expect([0, 1, 2, 3].map((a) => three.recordOf(a))).toEqual([0, 1, 2, 3]);
  });
});

describe('matching and ranking', () => {
  it('finds the articles with every word, or with the words side by side for a phrase', () => {
    const print = hits([[1, [200, 300]], [2, [150]], [3, [120]]]);
    const spooler = hits([[1, [201]], [3, [400]]]);
    expect(matchAll([print, spooler])).toEqual([1, 3]);
    expect(matchAll([print, spooler], true)).toEqual([1]);
    expect(matchAll([])).toEqual([]);
  });
  it('takes a common word (indexed in titles only) as in every body: not required, and in a phrase any word, or in a body any run of them', () => {
    const print = hits([[1, [200, 300]], [2, [150]], [3, [4]], [4, [4]], [5, [3]]]);
    const spooler = hits([[1, [202]], [2, [400]], [3, [6]], [4, [5]], [5, [6]]]);
    expect(matchAll([print, undefined, spooler])).toEqual([1, 2, 3, 4, 5]);
    // In titles a common word holds its place; in bodies a run of them holds one.
    expect(matchAll([print, undefined, spooler], true)).toEqual([1, 3]);
    expect(matchAll([print, undefined, undefined, spooler], true)).toEqual([1, 5]);
    expect(matchAll([undefined, print, spooler], true)).toEqual([4]);
    expect(matchAll([undefined])).toEqual([]);
    // Its idf comes from how many articles have it, not from its title matches.
    const the = { hits: hits([[2, [3]]]), common: 90 };
    const rare = exactly(hits([[1, [BODY_START]], [2, [BODY_START]]]));
    const withCount = rank([1, 2], [rare, the], 100, new Array(100).fill(1));
    const asIfRare = rank([1, 2], [rare, { ...the, common: undefined }], 100, new Array(100).fill(1));
    expect(withCount[0]!.score - withCount[1]!.score).toBeLessThan(asIfRare[0]!.score - asIfRare[1]!.score);
  });
  it('ranks a title match above body matches, and a rare word above a common one', () => {
    const word = hits([[1, [BODY_START, BODY_START + 9]], [2, [3]], [3, [BODY_START + 1]]]);
    expect(rank([1, 2, 3], [exactly(word)], 100, [1, 1, 1, 1]).map((r) => r.article)).toEqual([2, 1, 3]);
    const rare = hits([[5, [BODY_START]]]);
    const common = hits(Array.from({ length: 50 }, (_, i) => [i, [BODY_START]] as [number, number[]]));
    const both = new Map([...common, [5, [BODY_START]]]);
    const ranked = rank([4, 5], [exactly(rare), exactly(both)], 100, new Array(100).fill(1));
    expect(ranked[0]!.article).toBe(5);
  });
  it('ranks a title with the query words in order above titles with some of them, whatever their bodies', () => {
    // Six title words typed. Article 1's title has all six, in order; article 2's
    // title has three of them, and its body repeats all six.
    const body = (n: number) => Array.from({ length: n }, (_, i) => BODY_START + i * 6);
    const words = Array.from({ length: 6 }, (_, i) =>
      exactly(hits([[1, [1 + i, BODY_START + 40 + i]], [2, [...(i < 3 ? [2 + 2 * i] : []), ...body(8).map((p) => p + i)]], [3, [BODY_START + i]]])),
    );
    expect(rank([1, 2, 3], words, 1000, new Array(1000).fill(1)).map((r) => r.article)).toEqual([1, 2, 3]);
    // The same two title words side by side beat them far apart.
    const [a, b] = [exactly(hits([[1, [2]], [2, [2]]])), exactly(hits([[1, [3]], [2, [9]]]))];
    expect(rank([2, 1], [a, b], 1000, new Array(1000).fill(1))[0]!.article).toBe(1);
  });
  it('ranks an article that may have the word itself above one known to have only longer words it begins', () => {
    // `driver`: articles 1 and 2 are in index records whose exact search found "driver"; article 3 is not.
    const all = hits([[1, [BODY_START]], [2, [BODY_START]], [3, [BODY_START]]]);
    const ranked = rank([3, 2, 1], [{ hits: all, exact: new Set([1, 2]) }], 100, new Array(100).fill(1));
    expect(ranked.map((r) => r.article)).toEqual([1, 2, 3]);
    expect(ranked[2]!.score).toBeLessThan(ranked[1]!.score);
    const title = rank([3, 1], [{ hits: hits([[1, [1]], [3, [1]]]), exact: new Set([1]) }], 100, new Array(100).fill(1));
    expect(title.map((r) => r.article)).toEqual([1, 3]);
  });
});

describe('common words', () => {
  it('leave bodies, a run of them held by one padding word, and stay in titles and query words', () => {
    const lexicon = new Lexicon();
    const tokens = layoutTokens({ id: 'Q1', title: 'The Spooler', queryWords: 'the', body: 'Stop the spooler. The (the) end ___PAGEFIND_X the.ini' }, lexicon);
    const common = commonSpellings(lexicon, new Set(['the']));
    const out: string[] = [];
    new RecordText(lexicon, common).append(tokens, out);
    expect(out.slice(0, 3)).toEqual(['Q1', 'The', 'Spooler']);
    expect(out[TITLE_END]).toBe('the');
    // Names are words, then their segments: `PAGEFIND`, and `the` and `ini` of `the.ini`.
    const body = ['Stop', PAD, 'spooler.', PAD, 'end', indexWord('___PAGEFIND_X'), 'the.ini', 'PAGEFIND', PAD, 'ini'];
    expect(out.slice(BODY_START, BODY_START + body.length)).toEqual(body);
    expect(out.slice(BODY_START + body.length)).toEqual(Array(SLOT_WORDS - BODY_START - body.length).fill(PAD));
    expect(slotCount(tokens, common)).toBe(1);
  });
  it('hold a position per run when the excerpt is cut and marked', () => {
    const text = 'Stop the spooler service with the.ini and Q-number';
    // Body positions: Stop, (the), spooler, service, with, the.ini, and, Q-number; then the segments (the), ini, number.
    const marks = bodyMarks(text, [BODY_START + 2, BODY_START + 9, BODY_START + 10, BODY_START + 8], ['spooler', 'ini', 'number'], new Set(['the']));
    expect(marks).toEqual([{ word: 2 }, { word: 5, start: 4, end: 7 }, { word: 7, start: 2, end: 8 }]);
  });
  it('are the words a given share of articles have', () => {
    const lexicon = new Lexicon();
    const counter = new VocabularyCounter(lexicon);
    for (let i = 0; i < 10; i++) counter.addArticle(lexicon.ids(['the', i < 3 ? 'spooler' : 'printer', `w${i}`]));
    expect(counter.common(0.2)).toEqual([['the', 10], ['printer', 7], ['spooler', 3]]);
    expect(counter.common(0.5)).toEqual([['the', 10], ['printer', 7]]);
    expect(counter.common(0.2, 8)).toEqual([['the', 10]]);
  });
});

describe('words inside names', () => {
  it('index each segment of a path, file name or dotted name after the body, in order', () => {
    const body = 'Open C:\\Program Files\\DevStudio\\MyProjects\\ActiveXExample\\MyDispids.H and run Jet35sp3.exe; see Q-number. It doesn\'t (matter).';
    const words = articleWords({ id: 'Q900028', title: 'Paths', body });
    const n = body.split(' ').length;
    expect(words.slice(BODY_START + n, BODY_START + n + 9)).toEqual(['Program', 'Files', 'DevStudio', 'MyProjects', 'ActiveXExample', 'MyDispids', 'Jet35sp3', 'exe', 'number']);
    expect(words[BODY_START + n + 9]).toBe(PAD);
    expect(articleWords({ id: 'Q1', title: '', body: Array(SLOT_WORDS - BODY_START - 1).fill('a').join(' ') + ' x.yy.zz' })).toHaveLength(2 * SLOT_WORDS);
    expect(wordSegments('first.')).toEqual([]);
    expect(wordSegments('e.g.')).toEqual([]);
    expect(wordSegments("doesn't")).toEqual([]);
  });
  it('map a segment match back to the part of the body word it came from', () => {
    const text = 'See C:\\MyProjects\\ActiveXExample for the Q-number sample';
    const n = text.split(' ').length;
    const segments = bodySegments(text.split(' '));
    const at = segments.findIndex((s) => segmentText(text.split(' '), s) === 'ActiveXExample');
    const marks = bodyMarks(text, [BODY_START + n + at, BODY_START + 4], ['activexexample', 'number']);
    expect(marks).toEqual([{ word: 1, start: 14, end: 28 }, { word: 4, start: 2, end: 8 }]);
    const parts = excerptOf(text, marks);
    expect(parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('')).toBe('See C:\\MyProjects\\[ActiveXExample] for the Q-[number] sample');
  });
});

describe('excerpts', () => {
  const text = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
  it('show the stretch with the most matches, marked, with an ellipsis where cut', () => {
    const parts = excerptOf(text, [40, 41, 10], 8);
    expect(parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('')).toBe('… w38 w39 [w40] [w41] w42 w43 w44 w45 …');
  });
  it('start at the beginning without matches, and keep article text as text', () => {
    expect(excerptOf('<img src=x onerror="alert(1)"> more', [])).toEqual([{ text: '<img src=x onerror="alert(1)"> more', mark: false }]);
    expect(excerptOf('', [3])).toEqual([]);
  });
});

describe('search table encodings', () => {
  it('round-trip slot counts, index lists and dates', () => {
    const slots = [1, 2, 35, 36, 1, 120];
    expect(encodeSlots(slots)).toBe('12z{36}1{120}');
    expect(decodeSlots(encodeSlots(slots))).toEqual(slots);
    expect(decodeIndexes(encodeIndexes([0, 3, 40, 41]))).toEqual([0, 3, 40, 41]);
    expect(decodeIndexes('')).toEqual([]);
    const days = decodeDates(encodeDates(['1999-04-22', undefined, '1970-01-02']));
    expect([...days].map((d) => (Number.isNaN(d) ? null : d))).toEqual([Date.UTC(1999, 3, 22) / 86_400_000, null, 1]);
  });
  it('find an article’s bucket and its place in the bucket’s number list', () => {
    const buckets: [string, number][] = [['010', 1], ['192', 1], ['900', 21]];
    expect(bucketOf(buckets, 0)).toEqual({ bucket: '010', offset: 0 });
    expect(bucketOf(buckets, 4)).toEqual({ bucket: '900', offset: 2 });
    expect(bucketOf(buckets, 23)).toBeUndefined();
  });
});
