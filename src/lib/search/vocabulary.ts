/**
 * The archive's words for spelling corrections (spelling.ts): every word the
 * index has whole, how many articles have it and how they most often write it,
 * counted while the build lays the articles out. Pure.
 */
import { PAD } from './layout.ts';
import { encodeWords, wordsFileKey, writtenForm, type KnownWord } from './spelling.ts';

interface Tally {
  articles: number;
  /** The last article counted, so that an article counts once per word. */
  last: number;
  /** Occurrences written in lower case, and of the first other way it was written. */
  lower: number;
  other?: string;
  otherCount: number;
}

/** Article numbers (`Q192493`, `KB192493`) are looked up, never corrected to. */
const ARTICLE_ID = /^(?:q|kb)\d+$/;

export class VocabularyCounter {
  readonly #words = new Map<string, Tally>();
  #article = 0;

  /** Counts one article's words (as laid out for the index: any text, spaces between words). */
  addArticle(words: Iterable<string>) {
    const article = ++this.#article;
    // Each distinct spelling once: an article repeats most of its words.
    const spellings = new Map<string, number>();
    for (const raw of words) if (raw !== PAD) spellings.set(raw, (spellings.get(raw) ?? 0) + 1);
    for (const [raw, times] of spellings) {
      const written = writtenForm(raw);
      const word = written.toLowerCase();
      if (!word || ARTICLE_ID.test(word) || !/\p{L}/u.test(word)) continue;
      let t = this.#words.get(word);
      if (!t) {
        t = { articles: 0, last: 0, lower: 0, otherCount: 0 };
        this.#words.set(word, t);
      }
      if (t.last !== article) {
        t.last = article;
        t.articles++;
      }
      if (written === word) t.lower += times;
      else if (t.other === undefined || t.other === written) {
        t.other = written;
        t.otherCount += times;
      }
    }
  }

  /** The words at least `share` of the articles counted have, and `least` articles, with their article counts, commonest first. */
  common(share: number, atLeast = 1): [word: string, articles: number][] {
    const least = Math.max(atLeast, Math.ceil(share * this.#article));
    return [...this.#words]
      .filter(([, t]) => t.articles >= least)
      .map(([word, t]): [string, number] => [word, t.articles])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  get size(): number {
    return this.#words.size;
  }

  /** The word files: file key (spelling.ts wordsFileKey) -> its text. */
  files(): Map<string, string> {
    const byKey = new Map<string, KnownWord[]>();
    for (const [word, t] of this.#words) {
      const key = wordsFileKey(word);
      const list = byKey.get(key) ?? [];
      list.push({ word, articles: t.articles, ...(t.other !== undefined && t.otherCount > t.lower && { written: t.other }) });
      byKey.set(key, list);
    }
    return new Map([...byKey].map(([key, list]) => [key, encodeWords(list)]));
  }
}
