import { describe, expect, it } from 'vitest';
import {
  closestWord,
  correctedQuery,
  correctionFiles,
  decodeWords,
  editDistance,
  encodeWords,
  hasWordStarting,
  indexForm,
  wordsFileKey,
  type KnownWord,
} from '../../src/lib/search/spelling.ts';
import { Lexicon } from '../../src/lib/search/tokens.ts';
import { VocabularyCounter } from '../../src/lib/search/vocabulary.ts';

const known = (entries: [string, number, string?][]): KnownWord[] => decodeWords(encodeWords(entries.map(([word, articles, written]) => ({ word, articles, ...(written && { written }) }))));

describe('the index form of a word', () => {
  it('keeps letters and digits, lower case, without diacritics, as Pagefind indexes a whole word', () => {
    expect(indexForm('MSExchangeES')).toBe('msexchangees');
    expect(indexForm('C:\\Program')).toBe('cprogram');
    expect(indexForm('Jet35sp3.exe')).toBe('jet35sp3exe');
    expect(indexForm('Café')).toBe('cafe');
    expect(indexForm('--')).toBe('');
  });
  it('names word files by the first two characters, safely for any script', () => {
    expect(wordsFileKey('msexchangees')).toBe('ms');
    expect(wordsFileKey('x')).toBe('x');
    expect(wordsFileKey('éa')).toBe('_e9a');
  });
});

describe('the vocabulary the build writes', () => {
  it('counts each word once per article and keeps how the archive writes it most', () => {
    const lexicon = new Lexicon();
    const counter = new VocabularyCounter(lexicon);
    counter.addArticle(lexicon.ids(['Q192493', 'MSExchangeES', 'registry', 'MSExchangeES', '.', 'Windows']));
    counter.addArticle(lexicon.ids(['The', 'msexchangees', 'windows', 'Windows', 'KB123', '1999', '--']));
    counter.addArticle(lexicon.ids(['MSExchangeES', 'mouse']));
    const files = counter.files();
    expect([...files.keys()].sort()).toEqual(['mo', 'ms', 're', 'th', 'wi']);
    const words = new Map([...files.values()].flatMap((text) => decodeWords(text)).map((k) => [k.word, k]));
    expect(words.get('msexchangees')).toEqual({ word: 'msexchangees', articles: 3, written: 'MSExchangeES' });
    expect(words.get('windows')).toEqual({ word: 'windows', articles: 2, written: 'Windows' });
    expect(words.get('the')).toEqual({ word: 'the', articles: 1, written: 'The' });
    expect(words.get('registry')).toEqual({ word: 'registry', articles: 1 });
    expect(words.has('q192493') || words.has('kb123') || words.has('1999')).toBe(false);
    expect(files.get('wi')).toBe('windows,2,^');
  });
  it('round-trips word files, sorted, with counts in base 36', () => {
    const text = encodeWords([
      { word: 'zeta', articles: 1 },
      { word: 'alpha', articles: 40, written: 'ALPHA' },
    ]);
    expect(text).toBe('alpha,14,ALPHA\nzeta');
    expect(decodeWords(text)).toEqual([{ word: 'alpha', articles: 40, written: 'ALPHA' }, { word: 'zeta', articles: 1 }]);
    expect(decodeWords('')).toEqual([]);
  });
});

describe('spelling corrections', () => {
  const words = known([
    ['msexchangees', 12, 'MSExchangeES'],
    ['msexchangeis', 30, 'MSExchangeIS'],
    ['registry', 900],
    ['regsitry', 1],
    ['printer', 700],
    ['pointer', 300],
    ['painter', 2],
  ]);
  it('know when a word is being typed: some archive word begins with it', () => {
    const sorted = words.slice().sort((a, b) => (a.word < b.word ? -1 : 1));
    expect(hasWordStarting(sorted, 'msexch')).toBe(true);
    expect(hasWordStarting(sorted, 'msexchagn')).toBe(false);
    expect(hasWordStarting(sorted, 'zz')).toBe(false);
  });
  it('count a swap of neighbours as one edit, and stop past the limit', () => {
    expect(editDistance('msexchagnees', 'msexchangees', 2)).toBe(1);
    expect(editDistance('printre', 'printer', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcd', 1)).toBe(2);
  });
  it('take the closest word, ties to the word more articles have', () => {
    expect(closestWord('msexchagnees', words)?.written).toBe('MSExchangeES');
    // One edit from both "printer" and "pointer": the commoner wins.
    expect(closestWord('pronter', words)?.word).toBe('printer');
    expect(closestWord('regsitry', words)?.word).toBe('registry');
    expect(closestWord('unrelated', words)).toBeUndefined();
    // Words of three letters are never corrected.
    expect(closestWord('prn', known([['pri', 5]]))).toBeUndefined();
  });
  it('look where every swap and any slip past the second letter lands', () => {
    expect(correctionFiles('msexchagnees')).toEqual(['ms', 'sm', 'me']);
    expect(correctionFiles('rpinter')).toEqual(['rp', 'pr', 'ri']);
    expect(correctionFiles('aab')).toEqual(['aa', 'ab']);
  });
  it('put corrections into the query as the archive writes them', () => {
    const corrections = new Map([['msexchagnees', 'MSExchangeES']]);
    expect(correctedQuery(' MSExchagneES  registry ', corrections)).toBe('MSExchangeES  registry');
    expect(correctedQuery('"MSExchagneES registry"', corrections)).toBe('"MSExchangeES registry"');
  });
});
