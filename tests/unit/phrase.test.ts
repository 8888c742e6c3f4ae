import { describe, expect, it } from 'vitest';
import { hasPhrase, markedFirst } from '../../src/lib/search/phrase.ts';

describe('quoted phrases checked against the text', () => {
  const text = 'the Product Identification Number was not printed on the cover. When you print with a cover sheet';
  it('find the words one after another, as the index compares them', () => {
    expect(hasPhrase(text, ['not', 'printed', 'on', 'the', 'cover'])).toBe(true);
    expect(hasPhrase('Printed  -  ON THE Cover!', ['printed', 'on', 'the', 'cover'])).toBe(true);
    expect(hasPhrase('WINWORD.EXE stops', ['winwordexe', 'stops'])).toBe(true);
  });
  it('not the words with others between, other forms of them, or nothing', () => {
    expect(hasPhrase(text, ['print', 'a', 'cover'])).toBe(false);
    expect(hasPhrase(text, ['printed', 'the', 'cover'])).toBe(false);
    expect(hasPhrase(text, ['print', 'on', 'the', 'cover'])).toBe(false);
    expect(hasPhrase(text, [])).toBe(false);
    expect(hasPhrase('', ['cover'])).toBe(false);
  });
  it('put the results that have it first, each group in its order', () => {
    expect(markedFirst([5, 6, 7, 8], [false, true, false, true])).toEqual([6, 8, 5, 7]);
  });
});
