/**
 * The two small files the build writes beside Pagefind's bundle, and their
 * compact encodings. Pure: the build encodes, the browser decodes.
 *
 * - `kb-search.json`, fetched with the first search: which Pagefind record is
 *   which, each article's slot count (layout.ts) and how many articles each
 *   bucket has, so that an article's index in number order gives its number
 *   from the bucket's `numbers.json`; the common words; and the delta index
 *   of the articles changed since (delta.ts), if there is one.
 * - `kb-facets.json`, fetched only when filters or a date sort are used: the
 *   articles of each filter value, and each article's date.
 */

export const TABLE_FILE = 'kb-search.json';
export const FACETS_FILE = 'kb-facets.json';
/** 4: common words take no body positions (layout.ts). */
export const TABLE_VERSION = 4;

export interface SearchTable {
  /** Changes when the layout or encoding changes. */
  version: typeof TABLE_VERSION;
  /** Pagefind's id of each record (its fragment hash), in record order. */
  records: string[];
  /** Slot count of each article in number order: one base-36 digit, or `{n}` above 35. */
  slots: string;
  /** Buckets (`192`) in number order, with how many articles each has. */
  buckets: [bucket: string, count: number][];
  /** The common words (layout.ts COMMON_SHARE), indexed in titles and query words only, with how many articles have them. */
  common: [word: string, articles: number][];
  /** The articles added or changed since this base, indexed apart (delta.ts); absent after a full index. */
  delta?: SearchDelta;
}

/** A delta index (delta.ts): its articles follow the base's, at indexes from the base's article count. */
export interface SearchDelta {
  /** Pagefind's id of each delta record, in record order. */
  records: string[];
  /** Slot count of each delta article (as `slots` above). */
  slots: string;
  /** Each delta article's number, in index order. */
  numbers: number[];
  /** Base articles deleted or changed since the base (encodeIndexes). */
  hidden: string;
  /** Buckets whose number list is not the base's any more: the base's list, which base articles' indexes refer to. */
  bucketNumbers: Record<string, number[]>;
  /** The delta's word files (spelling.ts keys): words the delta's articles have. */
  words: string[];
}

export interface SearchFacetsFile {
  version: 1;
  /** Per filter, per value, the articles (indexes in number order) that have it: deltas, base 36, comma-separated. */
  filters: Record<string, Record<string, string>>;
  /** Each article's last-modified day (days since 1970, base 36), comma-separated; empty when it has none. */
  dates: string;
}

export function encodeSlots(slots: readonly number[]): string {
  return slots.map((n) => (n >= 1 && n <= 35 ? n.toString(36) : `{${n}}`)).join('');
}

export function decodeSlots(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') {
      const end = text.indexOf('}', i);
      out.push(Number(text.slice(i + 1, end)));
      i = end;
    } else out.push(Number.parseInt(text[i]!, 36));
  }
  return out;
}

/** Ascending indexes as base-36 deltas: `0,3,a` is 0, 3, 13. */
export function encodeIndexes(indexes: readonly number[]): string {
  let last = 0;
  return indexes
    .map((n) => {
      const d = n - last;
      last = n;
      return d.toString(36);
    })
    .join(',');
}

export function decodeIndexes(text: string): number[] {
  if (!text) return [];
  let last = 0;
  return text.split(',').map((d) => (last += Number.parseInt(d, 36)));
}

const DAY = 86_400_000;

export function encodeDates(dates: readonly (string | undefined)[]): string {
  return dates.map((d) => (d ? Math.round(Date.parse(`${d}T00:00:00Z`) / DAY).toString(36) : '')).join(',');
}

/** Days since 1970 per article; NaN for an article without a date. */
export function decodeDates(text: string): Float64Array {
  const parts = text.split(',');
  const out = new Float64Array(parts.length);
  parts.forEach((p, i) => (out[i] = p ? Number.parseInt(p, 36) : Number.NaN));
  return out;
}

/** The bucket of the article at `index` (number order), and its place in that bucket's number list. */
export function bucketOf(buckets: SearchTable['buckets'], index: number): { bucket: string; offset: number } | undefined {
  let start = 0;
  for (const [bucket, count] of buckets) {
    if (index < start + count) return { bucket, offset: index - start };
    start += count;
  }
  return undefined;
}
