/**
 * The search page's state as the address carries it (`/search/?q=...&product=...`),
 * and what Pagefind is asked from it. Pure, so unit tests cover it.
 */
import { numberIn } from '../kb/lookup.ts';
import { queryWords } from './relax.ts';

/** Filters the search page offers (search-record.ts), in the order it shows them. */
export const FILTER_KEYS = ['product', 'year', 'os'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const SORT_ORDERS = ['relevance', 'newest', 'oldest'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface SearchState {
  q: string;
  /** One chosen value per filter, at most. */
  filters: Partial<Record<FilterKey, string>>;
  sort: SortOrder;
  /** Search the words as typed: no spelling corrections (spelling.ts). */
  verbatim: boolean;
}

export function readState(params: URLSearchParams): SearchState {
  const filters: SearchState['filters'] = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const sort = params.get('sort') ?? '';
  return {
    q: params.get('q') ?? '',
    filters,
    sort: (SORT_ORDERS as readonly string[]).includes(sort) ? (sort as SortOrder) : 'relevance',
    verbatim: params.get('verbatim') === '1',
  };
}

/** The query string for a state (`?q=exchange&year=1999`), leaving out what is empty or the default. */
export function stateSearch(s: SearchState): string {
  const params = new URLSearchParams();
  if (s.q.trim()) params.set('q', s.q.trim());
  for (const key of FILTER_KEYS) if (s.filters[key]) params.set(key, s.filters[key]!);
  if (s.sort !== 'relevance') params.set('sort', s.sort);
  if (s.verbatim && s.q.trim()) params.set('verbatim', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const hasFilters = (s: SearchState) => FILTER_KEYS.some((k) => s.filters[k]);

/**
 * The words to look up for a query, as Pagefind reads them (lower case, without
 * punctuation other than `_`), each once; and whether it is a quoted phrase,
 * whose words must stand together.
 */
export function searchTerms(q: string): { words: string[]; phrase: boolean } {
  const phrase = /^\s*".+"\s*$/.test(q);
  const words = queryWords(q)
    .map((w) => w.toLowerCase().replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return { words: phrase ? words : [...new Set(words)], phrase };
}

/**
 * The article number a query names, when the whole query is one: `Q192493`,
 * `q192493`, `KB192493`, `192493`, or a pasted address (`/kb/192493`,
 * `https://support.microsoft.com/kb/192493`). Text with a number in it
 * (`Windows 2000`, `1999-04-22`) is a word search, not a lookup.
 */
export function queryNumber(q: string): number | undefined {
  const t = q.trim();
  if (/^(?:q|kb)?\d+$/i.test(t) || (t.includes('/') && !/\s/.test(t))) return numberIn(t);
  return undefined;
}
