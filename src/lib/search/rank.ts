/**
 * Article-level matching and ranking over what the index returns for each word
 * of a query: per article, the positions (layout.ts local positions) where
 * the word or a longer word it begins matched. Pure.
 *
 * Ranking is BM25 (as Pagefind's own) over the body, where a match in the
 * additional query words counts twice, plus a fixed bonus per word the id or
 * title has: a title that names the query beats a body that repeats it, which
 * weighting title words as more occurrences cannot do once the body's count
 * saturates. An article's slot count stands in for its length.
 */
import { regionOf, type Region } from './layout.ts';

/** One query word's matches: article (index in number order) -> its local positions, ascending. */
export type WordHits = Map<number, number[]>;

const WEIGHT: Record<Exclude<Region, 'title'>, number> = { query: 2, body: 1 };
/** Term saturation and length normalisation (BM25's k1 and b). */
const K1 = 1.4;
const B = 0.5;
/** What a word in the id or title adds, times the word's idf (the body's part tends to K1 + 1). */
const TITLE_BONUS = 1.5;

/** The articles every word matched; with `phrase`, only where the words stand one after another. */
export function matchAll(words: readonly WordHits[], phrase = false): number[] {
  if (words.length === 0) return [];
  const [rarest, ...others] = [...words].sort((a, b) => a.size - b.size);
  const out: number[] = [];
  for (const article of rarest!.keys()) {
    if (!others.every((w) => w.has(article))) continue;
    if (phrase && !phraseIn(words.map((w) => w.get(article)!))) continue;
    out.push(article);
  }
  return out.sort((a, b) => a - b);
}

/** Whether some position p has word 1 at p, word 2 at p + 1, and so on. */
function phraseIn(positions: readonly number[][]): boolean {
  const later = positions.slice(1).map((p) => new Set(p));
  return positions[0]!.some((p) => later.every((set, i) => set.has(p + i + 1)));
}

export interface Ranked {
  article: number;
  score: number;
}

/**
 * Scores `articles` for the query words' hits, best first (ties in number order).
 * `total` is the number of articles indexed; `slots[a]` an article's slot count.
 */
export function rank(articles: readonly number[], words: readonly WordHits[], total: number, slots: ArrayLike<number>): Ranked[] {
  let slotSum = 0;
  for (let a = 0; a < slots.length; a++) slotSum += slots[a]!;
  const avg = slotSum / Math.max(1, slots.length);
  const idf = words.map((w) => Math.log(1 + (total - w.size + 0.5) / (w.size + 0.5)));
  return articles
    .map((article) => {
      const norm = 1 - B + (B * (slots[article] ?? 1)) / avg;
      let score = 0;
      words.forEach((w, i) => {
        let tf = 0;
        let title = false;
        for (const p of w.get(article) ?? []) {
          const region = regionOf(p);
          if (region === 'title') title = true;
          else tf += WEIGHT[region];
        }
        score += idf[i]! * ((tf * (K1 + 1)) / (tf + K1 * norm) + (title ? TITLE_BONUS : 0));
      });
      return { article, score };
    })
    .sort((x, y) => y.score - x.score || x.article - y.article);
}
