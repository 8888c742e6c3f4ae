/**
 * Filtering and ordering a search's articles by the facets file (table.ts):
 * what the search page does after ranking, before paging. Pure. Articles are
 * indexes in number order, as everywhere in the search index.
 */
import type { Ranked } from './rank.ts';
import { FILTER_KEYS, type FilterKey, type SearchState } from './query.ts';

export interface Facets {
  /** Per filter, per value, which articles have it (1) or not (0). */
  filters: Map<string, Map<string, Uint8Array>>;
  /** Per article, its last-modified day, NaN when it has none. */
  dates: Float64Array;
}

/** Per filter, the count of each value among `articles`; values none of them has are left out. */
export function countValues(facets: Facets, articles: readonly number[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const [key, values] of facets.filters) {
    const out: Record<string, number> = (counts[key] = {});
    for (const [value, has] of values) {
      let n = 0;
      for (const a of articles) n += has[a]!;
      if (n > 0) out[value] = n;
    }
  }
  return counts;
}

/**
 * A filter's options as its menu lists them: the values with their counts,
 * years newest first and the others alphabetically, and the chosen value kept
 * (with 0) when the search no longer has it, so the choice never silently goes.
 */
export function filterOptions(key: FilterKey, counts: Readonly<Record<string, number>> = {}, chosen = ''): [value: string, count: number][] {
  const values = Object.entries(counts);
  if (chosen && !values.some(([v]) => v === chosen)) values.push([chosen, 0]);
  return values.sort(([a], [b]) => (key === 'year' ? b.localeCompare(a) : a.localeCompare(b)));
}

/**
 * The articles to show, in order: those passing every chosen filter, by
 * relevance (the ranking's order) or by date. Undated articles go last either
 * way; equal dates keep their rank. Without facets (not loaded yet) the ranking
 * stands as it is.
 */
export function orderResults(ranked: readonly Ranked[], state: Pick<SearchState, 'filters' | 'sort'>, facets: Facets | undefined): number[] {
  let articles = ranked.map((r) => r.article);
  if (!facets) return articles;
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (!value) continue;
    const has = facets.filters.get(key)?.get(value);
    articles = has ? articles.filter((a) => has[a]) : [];
  }
  if (state.sort !== 'relevance') {
    const sign = state.sort === 'newest' ? -1 : 1;
    const day = (a: number) => facets.dates[a]!;
    articles.sort((a, b) => (Number.isNaN(day(a)) ? 1 : 0) - (Number.isNaN(day(b)) ? 1 : 0) || sign * (day(a) - day(b)) || 0);
  }
  return articles;
}

/** Every article, in number order: what a search by filters alone starts from. */
export const everyArticle = (count: number): Ranked[] => Array.from({ length: count }, (_, article) => ({ article, score: 0 }));
