/**
 * Article-level matching and ranking over what the index returns for each word
 * of a query: per article, the positions (layout.ts local positions) where
 * the word or a longer word it begins matched. Pure.
 *
 * Ranking is BM25 (as Pagefind's own) over the body, where a match in the
 * additional query words counts twice, plus a fixed bonus per word the id or
 * title has: a title that names the query beats a body that repeats it, which
 * weighting title words as more occurrences cannot do once the body's count
 * saturates. On top, a title gains by how many query words it has and how
 * many of them stand side by side in the query's order: six typed title words
 * find the title with all six in order before one with three. An article
 * known to have only longer words a query word begins counts less. An
 * article's slot count stands in for its length.
 */
import { BODY_START, regionOf, type Region } from './layout.ts';

/** One query word's matches: article (index in number order) -> its local positions, ascending. */
export type WordHits = Map<number, number[]>;

/** A query word's matches. */
export interface WordMatch {
  hits: WordHits;
  /**
   * The articles that may have the word itself, not only longer words it
   * begins: Pagefind's exact search names only the index records (many
   * articles each) that have it, so an article outside them surely has only
   * longer words. Undefined: every article may.
   */
  exact?: ReadonlySet<number>;
  /**
   * For a common word (layout.ts), indexed in titles and query words only: how
   * many articles have it. It is taken as present in every body, so it is not
   * required of an article, matches any word in a phrase, and is not looked up.
   */
  common?: number;
}

/** A word's matches, all of the word itself (a test's). */
export const exactly = (hits: WordHits): WordMatch => ({ hits });

const WEIGHT: Record<Exclude<Region, 'title'>, number> = { query: 2, body: 1 };
/** Term saturation and length normalisation (BM25's k1 and b). */
const K1 = 1.4;
const B = 0.5;
/** What a word in the id or title adds, times the word's idf (the body's part tends to K1 + 1). */
const TITLE_BONUS = 1.5;
/**
 * What a title that matches the query well adds, times the words' summed idf and
 * the square of how well it matches (titleMatch): squared, so that a title with
 * every word in order far outweighs one with half of them.
 */
const TITLE_MATCH_BONUS = 3;
/** How much an occurrence counts in an article that surely has only longer words the query word begins. */
const PREFIX_SHARE = 0.4;

/**
 * The articles every word matched; with `phrase`, only where the words stand
 * one after another. An undefined entry is a common word: not required; in a
 * phrase it stands for any word, and in bodies, where a run of common words
 * holds one position (layout.ts), common words side by side stand for a run.
 */
export function matchAll(words: readonly (WordHits | undefined)[], phrase = false): number[] {
  const required = words.filter((w): w is WordHits => w !== undefined);
  if (required.length === 0) return [];
  const [rarest, ...others] = [...required].sort((a, b) => a.size - b.size);
  const out: number[] = [];
  for (const article of rarest!.keys()) {
    if (!others.every((w) => w.has(article))) continue;
    if (phrase && !phraseIn(words.map((w) => w?.get(article)))) continue;
    out.push(article);
  }
  return out.sort((a, b) => a - b);
}

/** Whether the words stand side by side somewhere, an undefined word holding one place (or, from BODY_START, common words between two others one place). */
function phraseIn(positions: readonly (number[] | undefined)[]): boolean {
  const looked = positions.flatMap((p, i) => (p ? [i] : []));
  const sets = positions.map((p) => p && new Set(p));
  // Each looked-up word's place after the first: in titles and query words, and in bodies.
  const inTitle = looked.map((i) => i - looked[0]!);
  const inBody = looked.map(() => 0);
  for (let k = 1; k < looked.length; k++) inBody[k] = inBody[k - 1]! + (looked[k]! - looked[k - 1]! === 1 ? 1 : 2);
  return positions[looked[0]!]!.some((p) => {
    const at = p < BODY_START ? inTitle : inBody;
    return looked.every((i, k) => sets[i]!.has(p + at[k]!));
  });
}

export interface Ranked {
  article: number;
  score: number;
}

/** One word in one article: its weighted body count, its title share, and where it stands in the title. */
function tally(positions: readonly number[], share: number) {
  let tf = 0;
  let title = 0;
  const inTitle: number[] = [];
  for (const p of positions) {
    const region = regionOf(p);
    if (region === 'title') {
      title = share;
      inTitle.push(p);
    } else tf += WEIGHT[region] * share;
  }
  return { tf, title, inTitle };
}

/** The closest distance from a position in `a` forward to one in `b` (both ascending), or Infinity. */
function gapAfter(a: readonly number[], b: readonly number[]): number {
  let best = Infinity;
  for (const p of a) for (const q of b) if (q > p && q - p < best) best = q - p;
  return best;
}

/**
 * How well a title matches a query of two or more words, 0 to 1: the query
 * words it has, and the neighbouring query words it has side by side in the
 * query's order (half for one word between), over the most there can be.
 */
export function titleMatch(inTitle: readonly (readonly number[])[]): number {
  const n = inTitle.length;
  if (n < 2) return 0;
  let found = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    if (inTitle[i]!.length > 0) found++;
    if (i + 1 < n) {
      const gap = gapAfter(inTitle[i]!, inTitle[i + 1]!);
      pairs += gap === 1 ? 1 : gap === 2 ? 0.5 : 0;
    }
  }
  return (found + pairs) / (2 * n - 1);
}

/**
 * Scores `articles` for the query words' matches, best first (ties in number order).
 * `total` is the number of articles indexed; `slots[a]` an article's slot count.
 */
export function rank(articles: readonly number[], words: readonly WordMatch[], total: number, slots: ArrayLike<number>): Ranked[] {
  let slotSum = 0;
  for (let a = 0; a < slots.length; a++) slotSum += slots[a]!;
  const avg = slotSum / Math.max(1, slots.length);
  const idf = words.map((w) => {
    const n = w.common ?? w.hits.size;
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  });
  const idfSum = idf.reduce((sum, x, i) => (words[i]!.common === undefined ? sum + x : sum), 0);
  return articles
    .map((article) => {
      const norm = 1 - B + (B * (slots[article] ?? 1)) / avg;
      let score = 0;
      const inTitle = words.map((w, i) => {
        const { tf, title, inTitle } = tally(w.hits.get(article) ?? [], !w.exact || w.exact.has(article) ? 1 : PREFIX_SHARE);
        score += idf[i]! * ((tf * (K1 + 1)) / (tf + K1 * norm) + TITLE_BONUS * title);
        return inTitle;
      });
      // Common words are not looked up: the title is judged on the others.
      const match = titleMatch(inTitle.filter((_, i) => words[i]!.common === undefined));
      return { article, score: score + TITLE_MATCH_BONUS * match * match * idfSum };
    })
    .sort((x, y) => y.score - x.score || x.article - y.article);
}
