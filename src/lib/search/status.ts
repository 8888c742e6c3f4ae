/**
 * The search page's paging and the line that says what a search found. Pure.
 */

/** Results per page, and per "Show more results". */
export const PAGE_SIZE = 10;

/** The next page of `results` after the first `taken` shown, and how many are shown then. */
export function nextPage<T>(results: readonly T[], taken: number, size = PAGE_SIZE): { batch: T[]; taken: number } {
  const batch = results.slice(taken, taken + size);
  return { batch, taken: taken + batch.length };
}

export interface SearchOutcome {
  /** Articles found (a number query's own article counts as one when nothing else is). */
  count: number;
  /** The query as typed, trimmed; empty for a search by filters alone. */
  q: string;
  /** Filters were chosen. */
  filtered: boolean;
  /** Words left out because no article has them all (relaxed search). */
  dropped: readonly string[];
}

/** `12 results for “print spooler”, without “zzz” (no article has every word).` */
export function statusText({ count, q, filtered, dropped }: SearchOutcome): string {
  const what = q ? ` for “${q}”` : '';
  const withFilters = filtered ? ' with the chosen filters' : '';
  if (count === 0) return `No results${what}${withFilters}.`;
  const without = dropped.length ? `, without ${dropped.map((w) => `“${w}”`).join(' and ')} (no article has every word)` : '';
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'result' : 'results'}${what}${without}${withFilters}.`;
}
