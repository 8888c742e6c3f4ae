/**
 * The parts of Pagefind 1.6's browser API (`/pagefind/pagefind.js`) the search
 * page uses, typed from the shipped file: the bundle is written by the build,
 * not imported from a package, so it brings no types of its own.
 */
export type PagefindFilterCounts = Record<string, Record<string, number>>;

export interface PagefindOptions {
  /** Result URLs carry `?<param>=<term>` for each term, for pagefind-highlight.js on the article page. */
  highlightParam?: string;
  /** Words in an excerpt (default 30). */
  excerptLength?: number;
}

export interface PagefindSearchOptions {
  filters?: Record<string, string | string[]>;
  sort?: Record<string, 'asc' | 'desc'>;
}

export interface PagefindFragment {
  url: string;
  /** The page's text around the best match, `<` and `>` escaped, matches in `<mark>`. */
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
}

export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindFragment>;
}

export interface PagefindResponse {
  results: PagefindResult[];
  unfilteredResultCount: number;
  /** Counts of each filter value among the results, with the search's filters applied. */
  filters: PagefindFilterCounts;
  /** The same, without the search's filters. */
  totalFilters: PagefindFilterCounts;
}

export interface PagefindApi {
  options(options: PagefindOptions): Promise<void>;
  init(): Promise<void>;
  /** A `null` term lists every page that passes the filters. */
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindResponse | null>;
  /** Every filter value with its page count; loads every filter chunk. */
  filters(): Promise<PagefindFilterCounts>;
  preload(term: string, options?: PagefindSearchOptions): Promise<void>;
}
