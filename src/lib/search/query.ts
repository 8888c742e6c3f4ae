/**
 * The search page's state as the address carries it (`/search/?q=...&product=...`),
 * and what Pagefind is asked from it. Pure, so unit tests cover it.
 */
import { numberIn } from '../kb/lookup.ts';

/** Filters the index has (search-record.ts), in the order the page shows them. */
export const FILTER_KEYS = ['product', 'year', 'os'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const SORT_ORDERS = ['relevance', 'newest', 'oldest'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface SearchState {
  q: string;
  /** One chosen value per filter, at most. */
  filters: Partial<Record<FilterKey, string>>;
  sort: SortOrder;
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
  };
}

/** The query string for a state (`?q=exchange&year=1999`), leaving out what is empty or the default. */
export function stateSearch(s: SearchState): string {
  const params = new URLSearchParams();
  if (s.q.trim()) params.set('q', s.q.trim());
  for (const key of FILTER_KEYS) if (s.filters[key]) params.set(key, s.filters[key]!);
  if (s.sort !== 'relevance') params.set('sort', s.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const hasFilters = (s: SearchState) => FILTER_KEYS.some((k) => s.filters[k]);

/** Pagefind's search options for a state: filters as `{ year: '1999' }`, sort on the `date` key. */
export function pagefindOptions(s: SearchState): { filters: Record<string, string>; sort: Record<string, 'asc' | 'desc'> } {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) if (s.filters[key]) filters[key] = s.filters[key]!;
  const sort: Record<string, 'asc' | 'desc'> = s.sort === 'newest' ? { date: 'desc' } : s.sort === 'oldest' ? { date: 'asc' } : {};
  return { filters, sort };
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
