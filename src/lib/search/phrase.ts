/**
 * Quoted phrases, checked against an article's own words. The index finds a
 * phrase's words side by side, but holds a run of common words between them as
 * one position (layout.ts): `"printed on the cover"` finds "print a cover"
 * too. So the search page checks the titles and texts of a phrase's first
 * results, which it fetches to show them anyway, and puts first those that
 * have the words as quoted. Pure.
 */
import { splitWords } from './layout.ts';
import { indexForm } from './spelling.ts';

/** How many of a phrase's first results are checked. */
export const PHRASE_CHECKED = 20;

/** Whether `text` has `words` one after another, compared as the index compares words (indexForm); punctuation between is no word. */
export function hasPhrase(text: string, words: readonly string[]): boolean {
  const want = words.map(indexForm).filter(Boolean);
  if (want.length === 0) return false;
  const forms = splitWords(text).map(indexForm).filter(Boolean);
  for (let i = 0; i + want.length <= forms.length; i++) {
    if (want.every((w, k) => forms[i + k] === w)) return true;
  }
  return false;
}

/** `items`, with those `has` marks first: each group keeps its order. */
export function markedFirst<T>(items: readonly T[], has: readonly boolean[]): T[] {
  return [...items.filter((_, i) => has[i]), ...items.filter((_, i) => !has[i])];
}
