/**
 * Finding an article number in what people type or paste: `Q192493`,
 * `q192493`, `KB192493`, `192493`, or a URL such as `/kb/192493` or `/Q192493`.
 * Shared by the 404 page, the home page's lookup and search.
 */
import { bucketOf, numberToId } from './id.ts';

/** A number of 4 to 7 digits, alone or after `Q`/`KB`, not inside a longer word or number. */
const NUMBER = /(?:^|[^A-Za-z0-9])(?:Q|KB)?(\d{4,7})(?![0-9])/i;

export function numberIn(text: string): number | undefined {
  const m = NUMBER.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

export interface LookupTarget {
  number: number;
  id: string;
  bucket: string;
}

/** Which article this number would be, and its bucket: no index needed, it follows from the number. */
export function lookupTarget(n: number): LookupTarget {
  return { number: n, id: numberToId(n), bucket: bucketOf(n) };
}

/** Up to `count` numbers on each side of `n` from a sorted list: the nearest articles the archive has. */
export function nearestNumbers(sorted: readonly number[], n: number, count = 3): number[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  return sorted.slice(Math.max(0, lo - count), lo + count).filter((x) => x !== n);
}
