/**
 * An incremental search index: a base, the full index of the archive as it was
 * at some build, plus a delta, a small index of the articles added or changed
 * since, which the browser searches together (Pagefind's mergeIndex). Base
 * articles deleted or changed since are hidden. Pagefind cannot update an index
 * in place (its issue #71: one new word rewrites most chunks), and the
 * scoring of merged indexes does not matter here: rank.ts ranks from word
 * positions. A delta that outgrows DELTA_SHARE of the archive is folded into a
 * new base by a full index. Pure: the build plans, the browser maps.
 */
import { packRecords } from './layout.ts';

/** The delta's Pagefind bundle, inside the base's. */
export const DELTA_DIR = 'delta';
/** Articles indexed or hidden by a delta, at most: this share of the base, or DELTA_MIN. */
export const DELTA_SHARE = 0.02;
export const DELTA_MIN = 100;

/** What a build keeps of the base it made: each article's number and the hash of its indexed text, in index order. */
export interface BaseArticles {
  numbers: readonly number[];
  hashes: readonly string[];
}

export interface DeltaPlan {
  /** Current articles (their indexes in `current`) that the base lacks or has with other text: the delta's. */
  changed: number[];
  /** Base articles (indexes, ascending) deleted or changed since: never shown from the base. */
  hidden: number[];
}

/** What differs between the base and the current articles. */
export function planDelta(base: BaseArticles, current: readonly { number: number; hash: string }[]): DeltaPlan {
  const byNumber = new Map(base.numbers.map((n, i) => [n, i]));
  const kept = new Uint8Array(base.numbers.length);
  const changed: number[] = [];
  current.forEach((c, i) => {
    const b = byNumber.get(c.number);
    if (b !== undefined && base.hashes[b] === c.hash) kept[b] = 1;
    else changed.push(i);
  });
  const hidden: number[] = [];
  for (let b = 0; b < kept.length; b++) if (!kept[b]) hidden.push(b);
  return { changed, hidden };
}

/** Whether a delta this size stays small enough to search beside the base. */
export function deltaFits(plan: DeltaPlan, baseArticles: number): boolean {
  return plan.changed.length + plan.hidden.length <= Math.max(DELTA_MIN, Math.floor(DELTA_SHARE * baseArticles));
}

/**
 * The base's number list of each bucket whose list is no longer the same: a
 * base article's index gives its number through its bucket's list as it was.
 * `baseBuckets` are the base's buckets in index order with their counts.
 */
export function changedBuckets(
  baseBuckets: readonly [bucket: string, count: number][],
  baseNumbers: readonly number[],
  current: readonly { number: number; bucket: string }[],
): Record<string, number[]> {
  const now = new Map<string, number[]>();
  for (const c of current) {
    const list = now.get(c.bucket);
    if (list) list.push(c.number);
    else now.set(c.bucket, [c.number]);
  }
  const changed: Record<string, number[]> = {};
  let start = 0;
  for (const [bucket, count] of baseBuckets) {
    const was = baseNumbers.slice(start, start + count);
    start += count;
    const is = [...(now.get(bucket) ?? [])].sort((a, b) => a - b);
    if (was.length !== is.length || was.some((n, i) => n !== is[i])) changed[bucket] = was;
  }
  return changed;
}

/**
 * The first article of each record when the delta's articles follow the
 * base's (index base + i): each index packs its own records (packRecords).
 */
export function mergedFirsts(baseSlots: ArrayLike<number>, deltaSlots: ArrayLike<number>): number[] {
  const base = packRecords(baseSlots);
  return [...base, ...packRecords(deltaSlots).map((f) => f + baseSlots.length)];
}
