/**
 * Articles laid out for the index (layout.ts) as *tokens*: ids of the distinct
 * spellings a lexicon has seen. The reference archive has 20 million words but
 * 662,000 spellings, so what the build derives from a word (its segments, its
 * written form for the vocabulary, whether it is a common word) is worked out
 * once per spelling, and an article is split into words once: its tokens are
 * counted (vocabulary.ts) and turned into Pagefind's record text from the same
 * layout. Pure, build-only.
 */
import { BODY_START, indexWord, isCommonWord, PAD, SLOT_WORDS, splitWords, TITLE_END, type ArticleText } from './layout.ts';
import { wordSegments } from './names.ts';

/** V8 keeps a word split out of a text of 13 characters or more as a view into that text. */
const SLICED_MIN = 13;
const NO_SEGMENTS = new Int32Array(0);

/** The spellings laid out so far, each with an id; PAD is id 0. */
export class Lexicon {
  readonly #ids = new Map<string, number>([[PAD, 0]]);
  readonly #spellings: string[] = [PAD];
  /** Per spelling, its segments once worked out (kept dense: a sparse array is slow). */
  readonly #segments: (Int32Array | undefined)[] = [NO_SEGMENTS];

  get size(): number {
    return this.#spellings.length;
  }

  /** Lets go of every spelling, once nothing more is laid out or written: Pagefind's peak need not hold them too. */
  release(): void {
    this.#ids.clear();
    this.#spellings.length = 0;
    this.#segments.length = 0;
  }

  id(word: string): number {
    let id = this.#ids.get(word);
    if (id === undefined) {
      id = this.#spellings.length;
      // A copy of its own: a key that viewed the article's text would keep the whole text alive.
      const own = word.length < SLICED_MIN ? word : Buffer.from(word, 'utf8').toString('utf8');
      this.#spellings.push(own);
      this.#segments.push(undefined);
      this.#ids.set(own, id);
    }
    return id;
  }

  ids(words: readonly string[]): Int32Array {
    const out = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.id(words[i]!);
    return out;
  }

  spelling(id: number): string {
    return this.#spellings[id]!;
  }

  /** The segments of a name (names.ts) as tokens, worked out once per spelling. */
  segments(id: number): Int32Array {
    let segs = this.#segments[id];
    if (segs === undefined) {
      const word = this.#spellings[id]!;
      const found = wordSegments(word);
      segs = found.length === 0 ? NO_SEGMENTS : this.ids(found.map((s) => word.slice(s.start, s.end)));
      this.#segments[id] = segs;
    }
    return segs;
  }
}

/**
 * An article's tokens in layout order (layout.ts): its id and title from 0, its
 * query words from TITLE_END, PAD between, then from BODY_START its body, the
 * segments of the names in its body, and what did not fit the first two
 * regions. Not yet padded to whole slots: that depends on the common words,
 * which leave the body region (RecordText).
 */
export function layoutTokens(a: ArticleText, lexicon: Lexicon): Int32Array {
  const head = lexicon.ids([a.id, ...splitWords(a.title)]);
  const query = lexicon.ids(splitWords(a.queryWords ?? ''));
  const body = lexicon.ids(splitWords(a.body));
  const headOver = head.subarray(TITLE_END);
  const queryOver = query.subarray(BODY_START - TITLE_END);
  let length = BODY_START + body.length + headOver.length + queryOver.length;
  for (let i = 0; i < body.length; i++) length += lexicon.segments(body[i]!).length;
  const out = new Int32Array(length);
  out.set(head.subarray(0, TITLE_END), 0);
  out.set(query.subarray(0, BODY_START - TITLE_END), TITLE_END);
  out.set(body, BODY_START);
  let at = BODY_START + body.length;
  for (let i = 0; i < body.length; i++) {
    const segments = lexicon.segments(body[i]!);
    if (segments.length === 0) continue;
    out.set(segments, at);
    at += segments.length;
  }
  out.set(headOver, at);
  out.set(queryOver, at + headOver.length);
  return out;
}

/** Whether each spelling is one of the `common` words (layout.ts isCommonWord). */
export function commonSpellings(lexicon: Lexicon, common: ReadonlySet<string>): Uint8Array {
  const flags = new Uint8Array(lexicon.size);
  for (let id = 1; id < flags.length; id++) flags[id] = isCommonWord(lexicon.spelling(id), common) ? 1 : 0;
  return flags;
}

/** Whether body-region token `i` takes a position: not a common word, or the first of a run of them (layout.ts). */
const placed = (tokens: Int32Array, common: Uint8Array, i: number) => i < BODY_START || !common[tokens[i]!] || i === BODY_START || !common[tokens[i - 1]!];

/** How many slots an article's tokens take once each run of common words in the body region holds one position. */
export function slotCount(tokens: Int32Array, common: Uint8Array): number {
  let length = 0;
  for (let i = 0; i < tokens.length; i++) if (placed(tokens, common, i)) length++;
  return Math.max(1, Math.ceil(length / SLOT_WORDS));
}

/**
 * Turns tokens into the words of Pagefind records, in whole slots: each
 * spelling as the record carries it (indexWord), in the body region a run of
 * common words as one PAD, then PAD, which holds positions but indexes
 * nothing, up to the article's last slot (slotCount).
 */
export class RecordText {
  readonly #words: string[];
  readonly #common: Uint8Array;

  constructor(lexicon: Lexicon, common: Uint8Array, asIndexed = true) {
    this.#words = Array.from({ length: lexicon.size }, (_, id) => (asIndexed ? indexWord(lexicon.spelling(id)) : lexicon.spelling(id)));
    this.#common = common;
  }

  /** Lets go of the words, once every record is written. */
  release(): void {
    this.#words.length = 0;
  }

  /** Appends an article's words to `out`. */
  append(tokens: Int32Array, out: string[]): void {
    const common = this.#common;
    const end = out.length + slotCount(tokens, common) * SLOT_WORDS;
    for (let i = 0; i < tokens.length; i++) {
      if (i >= BODY_START && common[tokens[i]!]) {
        if (placed(tokens, common, i)) out.push(PAD);
      } else out.push(this.#words[tokens[i]!]!);
    }
    while (out.length < end) out.push(PAD);
  }
}

/** An article's words in slot order, as the index has them when no word is common: for tests and diagnosis. */
export function articleWords(a: ArticleText): string[] {
  const lexicon = new Lexicon();
  const tokens = layoutTokens(a, lexicon);
  const words: string[] = [];
  new RecordText(lexicon, new Uint8Array(lexicon.size), false).append(tokens, words);
  return words;
}
