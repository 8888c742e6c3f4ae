/**
 * How articles are laid out in the search index. Pagefind's metadata file lists
 * every record, about 10 bytes each after gzip: 57,000 records would make every
 * first search fetch over 500 KB before any result. So one Pagefind record holds
 * many articles, each in fixed-size *slots* of word positions, and a position
 * alone says which article and which part of it a match is in:
 *
 * - an article takes one or more consecutive slots of SLOT_WORDS positions:
 *   `[0, TITLE_END)` its id and title, `[TITLE_END, BODY_START)` its additional
 *   query words, from BODY_START its body, then the segments of the names in
 *   its body (names.ts), then what did not fit the first two; from BODY_START
 *   on, a run of common words (below) takes one position, which indexes nothing;
 * - unused positions hold PAD, a word Pagefind counts but does not index;
 * - articles, sorted by number, fill records of up to GROUP_SLOTS slots.
 *
 * The browser rebuilds the same map from each article's slot count (search
 * table, search-table.ts). Pure: shared by the build and the browser.
 */
import { indexForm } from './spelling.ts';

/**
 * Word positions per slot. Smaller slots waste fewer positions on padding, which
 * Pagefind reads like words (indexing time and memory); larger ones make the
 * slot counts the first search fetches more alike (transfer). On the reference
 * archive, 512-word slots and 64-word heads were 17.2 million padding words of
 * 38.7 million positions, and these are 4.8 million of 26.3 million: Pagefind
 * took 18% less CPU, and a first search fetches 11 KB more of slot counts but
 * 16 KB less of Pagefind's index, whose records are fewer and positions smaller.
 */
export const SLOT_WORDS = 128;
/** Slots per record (so positions stay below 65,536 for all but outsized articles). */
export const GROUP_SLOTS = 512;
/** End of the id-and-title region of an article's first slot: every title of the reference archive but four fits. */
export const TITLE_END = 16;
/** End of the query-words region, where the body starts: 99% of the reference archive's query words fit. */
export const BODY_START = 32;
/** Holds a word position and indexes nothing: Pagefind keeps no word without a letter or digit. */
export const PAD = '.';

/**
 * Words that this share of articles or more have (`the`, `windows`, `error`),
 * and at least COMMON_MIN_ARTICLES, are *common*: the index keeps them in
 * titles and query words only. In the reference archive's bodies they were
 * 40% of all positions, which every search of such a word had Pagefind
 * list, decode and map (seconds for `the`), to tell almost nothing. In bodies
 * a run of them takes one position, which indexes nothing: a word each, they
 * were 9.3 million of the 26.3 million words Pagefind read, in 4.7 million
 * runs. A search takes a common word as present in every body, and in a
 * phrase as any word, or there as any run of them (rank.ts); the search table
 * lists them with their article counts. In a small archive no word is: its
 * positions are few.
 */
export const COMMON_SHARE = 0.2;
export const COMMON_MIN_ARTICLES = 1000;

/** Whether a word of the text is one of the `common` words (their index forms): by its lower case, or for a word with punctuation its index form. */
export function isCommonWord(word: string, common: ReadonlySet<string>): boolean {
  if (common.size === 0) return false;
  const lower = word.toLowerCase();
  return common.has(lower) || (/[^a-z0-9]/.test(lower) && common.has(indexForm(lower)));
}

/**
 * What Pagefind's indexer counts as whitespace between words (Rust's
 * `char::is_whitespace`), and what JavaScript's `\s` does: splitting on both,
 * then joining with single spaces, makes both sides see the same words.
 */
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;

/** The words of a text as the index counts them; zero-width spaces, which Pagefind strips, go first. */
export function splitWords(text: string): string[] {
  return text.replace(/\u200b/g, '').split(SPACE).filter(Boolean);
}

/**
 * A word as the record's content carries it. Pagefind reads words starting with
 * `___PAGEFIND_` (and `___END_PAGEFIND_`) as its own markers, which take no
 * position; a leading zero-width space, which it strips after that check, keeps
 * such text an ordinary word.
 */
export const indexWord = (w: string) => (w.startsWith('___') ? `\u200b${w}` : w);

export interface ArticleText {
  id: string;
  title: string;
  queryWords?: string;
  /** The body as plain text (article-json.ts `text`), from which excerpts are cut. */
  body: string;
}

/**
 * Packs articles (their slot counts, in order) into records: each record takes
 * articles while they fit in GROUP_SLOTS; an article larger than that is a
 * record of its own. Returns the index of each record's first article.
 */
export function packRecords(slots: ArrayLike<number>): number[] {
  const firsts: number[] = [];
  let used = GROUP_SLOTS;
  for (let a = 0; a < slots.length; a++) {
    const s = slots[a]!;
    if (used + s > GROUP_SLOTS) {
      firsts.push(a);
      used = 0;
    }
    used += s;
  }
  return firsts;
}

/** The part of an article a match is in: the id and title, the query words, or the body. */
export type Region = 'title' | 'query' | 'body';

export const regionOf = (local: number): Region => (local < TITLE_END ? 'title' : local < BODY_START ? 'query' : 'body');

/** Where a record position lands: the article (its index in number order) and the position within it. */
export interface Located {
  article: number;
  local: number;
}

/** Maps record positions to articles, for the records packRecords made of `slots`. */
export class SlotMap {
  /** Per record, the global index of its first slot. */
  readonly #recordSlot: Int32Array;
  /** Per global slot, the article that holds it. */
  readonly #slotArticle: Int32Array;
  /** Per article, the global index of its first slot. */
  readonly #articleSlot: Int32Array;

  /** `firsts`: each record's first article, when not packRecords(slots) (a base and its delta: delta.ts). */
  constructor(slots: ArrayLike<number>, firsts: readonly number[] = packRecords(slots)) {
    let total = 0;
    for (let a = 0; a < slots.length; a++) total += slots[a]!;
    this.#recordSlot = new Int32Array(firsts.length);
    this.#slotArticle = new Int32Array(total);
    this.#articleSlot = new Int32Array(slots.length);
    let slot = 0;
    let record = 0;
    for (let a = 0; a < slots.length; a++) {
      if (firsts[record] === a) this.#recordSlot[record++] = slot;
      this.#articleSlot[a] = slot;
      for (let k = 0; k < slots[a]!; k++) this.#slotArticle[slot++] = a;
    }
  }

  get records(): number {
    return this.#recordSlot.length;
  }

  /** The record an article is in. */
  recordOf(article: number): number {
    const slot = this.#articleSlot[article]!;
    let lo = 0;
    let hi = this.#recordSlot.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#recordSlot[mid]! <= slot) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The article and local position of `position` in record `record`; undefined past the record's end. */
  locate(record: number, position: number): Located | undefined {
    const start = this.#recordSlot[record];
    if (start === undefined || position < 0) return undefined;
    const slot = start + Math.floor(position / SLOT_WORDS);
    const end = record + 1 < this.#recordSlot.length ? this.#recordSlot[record + 1]! : this.#slotArticle.length;
    if (slot >= end) return undefined;
    const article = this.#slotArticle[slot]!;
    return { article, local: position - (this.#articleSlot[article]! - start) * SLOT_WORDS };
  }
}
