/**
 * Article ids, numbers and buckets: `Q192493` -> number 192493, bucket `192`.
 * Paths (`/kb/192/Q192493/`) are the route module's (src/lib/routes.ts).
 */

/** An article id as the archive writes it: `Q` and 1-7 digits. */
export const ID_PATTERN = /^Q(\d{1,7})$/;

/** A mention of an article inside text (`Q191014`), not part of a longer word. */
export const ID_MENTION = /(?<![\w-])Q(\d{5,7})(?![\w-])/g;

/** The number of an id (`Q10022` -> 10022), or undefined when it is not an id. */
export function idToNumber(id: string): number | undefined {
  const m = ID_PATTERN.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** The canonical id of a number (10022 -> `Q10022`). */
export function numberToId(n: number): string {
  return `Q${n}`;
}

/** The bucket: the number zero-padded to six digits, first three (`Q10022` -> `010`). */
export function bucketOf(n: number): string {
  return String(n).padStart(6, '0').slice(0, 3);
}

/** Normalises a front-matter permalink: both `kb/192/Q192493/` and `/kb/192/Q192493/` load. */
export function normalisePermalink(p: string): string {
  let s = p.trim();
  if (!s.startsWith('/')) s = `/${s}`;
  if (!s.endsWith('/')) s = `${s}/`;
  return s;
}

/** The id a permalink names (`/kb/192/Q192493/` -> `Q192493`), if any. */
export function idFromPermalink(p: string): string | undefined {
  const m = /^\/kb\/\d{3}\/(Q\d+)\/$/.exec(normalisePermalink(p));
  return m?.[1];
}

/**
 * The id a file's path names: the archive layout `<nnn>/<Qid>/README.md`
 * or the flat `<nnn>/<Qid>.md`. Undefined when the path names none.
 */
export function idFromPath(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  const file = parts.at(-1) ?? '';
  const stem = file.replace(/\.md$/i, '');
  if (ID_PATTERN.test(stem)) return stem;
  if (/^(readme|index)$/i.test(stem)) {
    const dir = parts.at(-2) ?? '';
    if (ID_PATTERN.test(dir)) return dir;
  }
  return undefined;
}
