/**
 * Writes articles into a Pagefind bundle through its Node API: records that
 * each hold many articles in fixed slots (src/lib/search/layout.ts says why).
 * Records are added many at a time: one await each is what makes naive
 * indexing slow. The full index and a delta (delta.ts) are both made here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { packRecords } from '../../lib/search/layout.ts';
import type { RecordText } from '../../lib/search/tokens.ts';

/**
 * Pagefind's words per index chunk (an unstable setting, read from the
 * environment by its binary). Its default puts unrelated common words into the
 * chunks a first search fetches; smaller chunks lengthen the chunk list in the
 * metadata file it fetches too. Measured on the archive with `npm run bench`.
 */
export const INDEX_CHUNK_SIZE = '10000';
const IN_FLIGHT = 8;

/**
 * Indexes articles (their tokens, tokens.ts, and slot counts) into a new bundle
 * at `bundle`, their words as `text` gives them, and returns Pagefind's id of
 * each record.
 * `urlPrefix` names the records (`/search/record/`): a delta's differ from the base's.
 * `sent` runs once Pagefind has every record, before it builds the index (its
 * memory peak): the caller may drop the tokens then.
 */
export async function writeRecords(
  articles: readonly { tokens: Int32Array }[],
  slots: readonly number[],
  text: RecordText,
  urlPrefix: string,
  bundle: string,
  sent?: () => void,
): Promise<string[]> {
  const firsts = packRecords(slots);
  process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= INDEX_CHUNK_SIZE;
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const problems: string[] = [];
    const contentOf = (first: number, end: number) => {
      const words: string[] = [];
      for (let a = first; a < end; a++) text.append(articles[a]!.tokens, words);
      return words.join(' ');
    };
    for (let r = 0; r < firsts.length; r += IN_FLIGHT) {
      const batch = firsts.slice(r, r + IN_FLIGHT).map((first, k) => ({ url: `${urlPrefix}${r + k}/`, content: contentOf(first, firsts[r + k + 1] ?? articles.length) }));
      const results = await Promise.all(batch.map((rec) => index.addCustomRecord({ ...rec, language: 'en' })));
      results.forEach((res, j) => res.errors.forEach((e) => problems.push(`${batch[j]!.url}: ${e}`)));
    }
    if (problems.length > 0) throw new Error(`Pagefind rejected ${problems.length} records:\n${problems.slice(0, 20).join('\n')}`);
    sent?.();
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  return recordIds(bundle, firsts.length, urlPrefix);
}

/**
 * Pagefind names each record by its fragment's hash, which search results carry
 * as their id; the fragment (gzipped JSON that starts with the record's URL)
 * says which record it is.
 */
function recordIds(bundle: string, count: number, urlPrefix: string): string[] {
  const ids = new Array<string>(count);
  const dir = path.join(bundle, 'fragment');
  const named = new RegExp(`${urlPrefix.replaceAll('/', '\\/')}(\\d+)\\/`);
  for (const file of count > 0 ? readdirSync(dir) : []) {
    const head = gunzipSync(readFileSync(path.join(dir, file))).subarray(0, 200).toString('utf8');
    const r = named.exec(head)?.[1];
    if (r !== undefined) ids[Number(r)] = file.replace(/\.pf_fragment$/, '');
  }
  const missing = ids.findIndex((id) => id === undefined);
  if (ids.length !== count || missing >= 0) throw new Error(`Pagefind wrote no fragment for search record ${missing}`);
  return ids;
}
