/**
 * The archive's words for spelling corrections (spelling.ts): every word the
 * index has whole, how many articles have it and how they most often write it,
 * counted from the articles as laid out for the index (tokens.ts). What a
 * spelling stands for is worked out the first time it is seen. Pure.
 */
import type { Lexicon } from './tokens.ts';
import { encodeWords, wordsFileKey, writtenForm, type KnownWord } from './spelling.ts';

/** Article numbers (`Q192493`, `KB192493`) are looked up, never corrected to. */
const ARTICLE_ID = /^(?:q|kb)\d+$/;
/** A spelling not seen yet, and one that is no word of the vocabulary (no letter, an article number, PAD). */
const UNSEEN = 0;
const NOT_A_WORD = -1;

export class VocabularyCounter {
  readonly #lexicon: Lexicon;
  #article = 0;
  /** Per spelling: its word's index + 1, UNSEEN or NOT_A_WORD. */
  readonly #wordOf: number[] = [NOT_A_WORD];
  /** Per spelling: how it writes its word (writtenForm), when not in lower case. */
  readonly #written: (string | undefined)[] = [undefined];
  readonly #index = new Map<string, number>();
  // Per word, by index:
  readonly #words: string[] = [];
  readonly #articles: number[] = [];
  /** The last article counted, so that an article counts once per word. */
  readonly #last: number[] = [];
  /** Occurrences written in lower case, and of the first other way it was written. */
  readonly #lower: number[] = [];
  readonly #other: (string | undefined)[] = [];
  readonly #otherCount: number[] = [];

  constructor(lexicon: Lexicon) {
    this.#lexicon = lexicon;
  }

  /** Counts one article's tokens (its words as laid out for the index). */
  addArticle(tokens: ArrayLike<number>) {
    const article = ++this.#article;
    while (this.#wordOf.length < this.#lexicon.size) {
      this.#wordOf.push(UNSEEN);
      this.#written.push(undefined);
    }
    for (let i = 0; i < tokens.length; i++) {
      const s = tokens[i]!;
      let w = this.#wordOf[s]!;
      if (w === UNSEEN) w = this.#learn(s);
      if (w === NOT_A_WORD) continue;
      w--;
      if (this.#last[w] !== article) {
        this.#last[w] = article;
        this.#articles[w]!++;
      }
      const written = this.#written[s];
      if (written === undefined) this.#lower[w]!++;
      else if (this.#other[w] === undefined || this.#other[w] === written) {
        this.#other[w] = written;
        this.#otherCount[w]!++;
      }
    }
  }

  /** What spelling `s` stands for: its word's index + 1, or NOT_A_WORD. */
  #learn(s: number): number {
    const written = writtenForm(this.#lexicon.spelling(s));
    const word = written.toLowerCase();
    let w = NOT_A_WORD;
    if (word && !ARTICLE_ID.test(word) && /\p{L}/u.test(word)) {
      w = this.#index.get(word) ?? this.#words.length;
      if (w === this.#words.length) {
        this.#index.set(word, w);
        this.#words.push(word);
        this.#articles.push(0);
        this.#last.push(0);
        this.#lower.push(0);
        this.#other.push(undefined);
        this.#otherCount.push(0);
      }
      w++;
      if (written !== word) this.#written[s] = written;
    }
    this.#wordOf[s] = w;
    return w;
  }

  /** The words at least `share` of the articles counted have, and `least` articles, with their article counts, commonest first. */
  common(share: number, atLeast = 1): [word: string, articles: number][] {
    const least = Math.max(atLeast, Math.ceil(share * this.#article));
    const out: [string, number][] = [];
    this.#words.forEach((word, w) => {
      if (this.#articles[w]! >= least) out.push([word, this.#articles[w]!]);
    });
    return out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  get size(): number {
    return this.#words.length;
  }

  /** The word files: file key (spelling.ts wordsFileKey) -> its text. */
  files(): Map<string, string> {
    const byKey = new Map<string, KnownWord[]>();
    this.#words.forEach((word, w) => {
      const key = wordsFileKey(word);
      const list = byKey.get(key) ?? [];
      const other = this.#other[w];
      list.push({ word, articles: this.#articles[w]!, ...(other !== undefined && this.#otherCount[w]! > this.#lower[w]! && { written: other }) });
      byKey.set(key, list);
    });
    return new Map([...byKey].map(([key, list]) => [key, encodeWords(list)]));
  }
}
