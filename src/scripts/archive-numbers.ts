/**
 * Whether the archive has an article number, from the per-bucket number lists
 * the build writes (`routes.bucketNumbers`, `routes.bucketList`): one small
 * fetch, no search index. Shared by the number lookup (404 page, home page) and
 * the search page.
 */
import { lookupTarget, nearestNumbers } from '../lib/kb/lookup.ts';
import { routes } from '../utils/base.ts';

/** A JSON file of the site, or undefined when it is not there. */
export async function json<T>(url: string): Promise<T | undefined> {
  const res = await fetch(url);
  return res.ok ? ((await res.json()) as T) : undefined;
}

/** The numbers the archive has near `n`: from its bucket, or the neighbouring buckets when it has none. */
export async function numbersNear(n: number): Promise<{ has: boolean; near: number[] }> {
  const t = lookupTarget(n);
  const own = await json<number[]>(routes.bucketNumbers(t.bucket));
  if (own) return { has: own.includes(n), near: nearestNumbers(own, n) };
  const buckets = (await json<string[]>(routes.bucketList())) ?? [];
  const before = buckets.filter((b) => b < t.bucket).at(-1);
  const after = buckets.find((b) => b > t.bucket);
  const lists = await Promise.all([before, after].map((b) => (b ? json<number[]>(routes.bucketNumbers(b)) : undefined)));
  return { has: false, near: nearestNumbers([...(lists[0] ?? []), ...(lists[1] ?? [])], n) };
}

/** A paragraph saying the archive lacks `n`, and a list of the nearest numbers it has, as links. */
export function notInArchive(n: number, near: readonly number[], offerSearch = false): Node[] {
  const t = lookupTarget(n);
  const p = document.createElement('p');
  p.textContent = `${t.id} is not in this archive.`;
  const parts: Node[] = [p];
  if (near.length > 0) {
    const intro = document.createElement('p');
    intro.textContent = 'The nearest numbers it has:';
    const ul = document.createElement('ul');
    for (const m of near) {
      const a = document.createElement('a');
      const target = lookupTarget(m);
      a.href = routes.article(target.id);
      a.textContent = target.id;
      ul.appendChild(document.createElement('li')).appendChild(a);
    }
    parts.push(intro, ul);
  }
  if (offerSearch) {
    // Other articles may cite the number (the search page is itself the search, so it passes false).
    const a = document.createElement('a');
    a.href = routes.search(t.id);
    a.textContent = `Search the archive for ${t.id}`;
    parts.push(document.createElement('p').appendChild(a).parentNode!);
  }
  return parts;
}
