/** How a search result is shown: its date, where it links, the number's article first. Pure. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `1999-04-22` -> `22 April 1999`, as article pages show it; anything else as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** A result's page path, without the highlight parameters or a fragment: `/kb/192/Q192493/`. */
export function pathOf(url: string): string {
  return url.replace(/[?#].*$/, '');
}

/**
 * The exact article of a number query goes first, whatever the ranking
 * (the index matches numbers by prefix: `1000` also finds `100012`); then the rest
 * in their order, without it.
 */
export function pinFirst<T>(items: readonly T[], pinned: T | undefined, same: (a: T, b: T) => boolean): T[] {
  if (pinned === undefined) return [...items];
  return [pinned, ...items.filter((x) => !same(x, pinned))];
}
