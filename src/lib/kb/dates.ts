// A module a function: date-fns' index loads the whole library, 2.4 s in each thread that imports it (README, dependencies).
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { parseISO } from 'date-fns/parseISO';

/**
 * Parsing with a pattern costs date-fns tens of microseconds, and an archive has
 * a few thousand distinct dates among its articles: each is worked out once.
 * A cache is cleared when full, so a stream of distinct values stays bounded,
 * and keeps a copy of each text: a substring would keep its whole file alive.
 */
function memoized<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    if (known.size >= 20_000) known.clear();
    const value = compute(text);
    known.set(structuredClone(text), value);
    return value;
  };
}

/**
 * The archive's dates (`22-APR-1999`, `7-SEP-2001`) as ISO dates (`1999-04-22`).
 * date-fns rejects days that do not exist (`31-APR-1999`), which a regex would not.
 */
export const kbDateToIso = memoized((text): string | undefined => {
  const d = parse(text.trim(), 'd-MMM-yyyy', new Date(0));
  return isValid(d) ? format(d, 'yyyy-MM-dd') : undefined;
});

/** An ISO date as the pages show it: `22 April 1999`. */
export const readableDate = memoized((iso) => format(parseISO(iso), 'd MMMM yyyy'));
