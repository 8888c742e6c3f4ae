/**
 * The search index: Pagefind records built through its Node API, each holding
 * many articles in fixed slots (src/lib/search/layout.ts, which says why), plus
 * our two small files beside Pagefind's bundle (src/lib/search/table.ts).
 * Records are added many at a time (one await each is what makes naive indexing
 * slow). An index whose inputs are all unchanged since the last build is kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import {
  articleSlots,
  articleWords,
  BODY_START,
  COMMON_MIN_ARTICLES,
  COMMON_SHARE,
  GROUP_SLOTS,
  indexWord,
  packRecords,
  SLOT_WORDS,
  TITLE_END,
  withoutCommon,
  type ArticleText,
} from '../../lib/search/layout.ts';
import type { SearchFacets } from '../../lib/output/search-record.ts';
import { indexForm, wordsFile, WORDS_DIR } from '../../lib/search/spelling.ts';
import { VocabularyCounter } from '../../lib/search/vocabulary.ts';
import {
  encodeDates,
  encodeIndexes,
  encodeSlots,
  FACETS_FILE,
  TABLE_FILE,
  type SearchFacetsFile,
  type SearchTable,
} from '../../lib/search/table.ts';

export interface SearchEntry extends ArticleText {
  number: number;
  bucket: string;
  facets: SearchFacets;
}

export interface SearchIndexResult {
  /** Articles indexed. */
  articles: number;
  /** Pagefind records they fill. */
  records: number;
  /** False when the previous index was kept because nothing changed. */
  rebuilt: boolean;
  seconds: number;
}

/**
 * Pagefind's words per index chunk (an unstable setting, read from the
 * environment by its binary). Its default puts unrelated common words into the
 * chunks a first search fetches; smaller chunks lengthen the chunk list in the
 * metadata file it fetches too. Measured on the archive with `npm run bench`.
 */
const INDEX_CHUNK_SIZE = '10000';
const IN_FLIGHT = 8;
const FILTERS = ['product', 'year', 'os'] as const;

/** An article's words in slot order, checked against its slot count. */
function wordsOf(a: ArticleText, slots: number): string[] {
  const words = articleWords(a);
  if (words.length !== slots * SLOT_WORDS) throw new Error(`${a.id}: laid out in ${words.length} words, expected ${slots} slots`);
  return words;
}

/** Whether a word is one of `common` (index forms): its lower case first, the full index form only for a word with punctuation. */
function commonTest(common: ReadonlySet<string>): (word: string) => boolean {
  return (word) => {
    const lower = word.toLowerCase();
    return common.has(lower) || (/[^a-z0-9]/.test(lower) && common.has(indexForm(lower)));
  };
}

export class SearchIndexBuilder {
  readonly #entries: SearchEntry[] = [];

  add(a: SearchEntry) {
    const { id, title, queryWords, body, number, bucket, facets } = a;
    this.#entries.push({ id, title, queryWords, body, number, bucket, facets });
  }

  /**
   * Writes the index to `<stagingDir>/pagefind`, unless the same inputs made the
   * one already in `<outDir>/pagefind`: a stamp of their hash is kept inside the
   * bundle itself. The build moves a new bundle into place when it succeeds.
   */
  async write(outDir: string, stagingDir: string): Promise<SearchIndexResult> {
    const started = performance.now();
    const entries = this.#entries.sort((a, b) => a.number - b.number);
    const slots = entries.map(articleSlots);
    const firsts = packRecords(slots);
    const digest = inputsDigest(entries);
    const current = path.join(outDir, 'pagefind');
    const done = (rebuilt: boolean) => ({
      articles: entries.length,
      records: firsts.length,
      rebuilt,
      seconds: (performance.now() - started) / 1000,
    });
    const stamp = path.join(current, 'records.sha256');
    const previous = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
    if (previous === digest && existsSync(path.join(current, TABLE_FILE))) return done(false);

    const bundle = path.join(stagingDir, 'pagefind');
    rmSync(bundle, { recursive: true, force: true });
    process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= INDEX_CHUNK_SIZE;
    let common: SearchTable['common'] = [];
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    try {
      const problems: string[] = [];
      // A first pass counts the words, which says which are common (layout.ts); the second leaves those out of bodies.
      const vocabulary = new VocabularyCounter();
      entries.forEach((e, i) => vocabulary.addArticle(wordsOf(e, slots[i]!)));
      common = vocabulary.common(COMMON_SHARE, COMMON_MIN_ARTICLES);
      const isCommon = commonTest(new Set(common.map(([w]) => w)));
      const contentOf = (e: SearchEntry, i: number) => withoutCommon(wordsOf(e, slots[i]!), isCommon).map(indexWord).join(' ');
      for (let r = 0; r < firsts.length; r += IN_FLIGHT) {
        const batch = firsts.slice(r, r + IN_FLIGHT).map((first, k) => {
          const end = firsts[r + k + 1] ?? entries.length;
          return { url: recordUrl(r + k), content: entries.slice(first, end).map((e, i) => contentOf(e, first + i)).join(' ') };
        });
        const results = await Promise.all(batch.map((rec) => index.addCustomRecord({ ...rec, language: 'en' })));
        results.forEach((res, j) => res.errors.forEach((e) => problems.push(`${batch[j]!.url}: ${e}`)));
      }
      if (problems.length > 0) throw new Error(`Pagefind rejected ${problems.length} records:\n${problems.slice(0, 20).join('\n')}`);
      const written = await index.writeFiles({ outputPath: bundle });
      if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
      writeWordFiles(bundle, vocabulary);
    } finally {
      await pagefind.close();
    }
    writeFileSync(path.join(bundle, TABLE_FILE), JSON.stringify(searchTable(entries, slots, recordIds(bundle, firsts.length), common)));
    writeFileSync(path.join(bundle, FACETS_FILE), JSON.stringify(facetsFile(entries)));
    writeFileSync(path.join(bundle, 'records.sha256'), digest);
    return done(true);
  }
}

/** The archive's words for spelling corrections (src/lib/search/spelling.ts), a file per first two letters. */
function writeWordFiles(bundle: string, vocabulary: VocabularyCounter) {
  mkdirSync(path.join(bundle, WORDS_DIR), { recursive: true });
  for (const [key, text] of vocabulary.files()) writeFileSync(path.join(bundle, wordsFile(key)), text);
}

const recordUrl = (r: number) => `/search/record/${r}/`;

/** What the index is made from, layout included: a change to any of it rebuilds the index. */
function inputsDigest(entries: readonly SearchEntry[]): string {
  const hash = createHash('sha256').update(`${SLOT_WORDS} ${GROUP_SLOTS} ${TITLE_END} ${BODY_START} ${INDEX_CHUNK_SIZE} ${WORDS_DIR} ${COMMON_SHARE} ${COMMON_MIN_ARTICLES}\0`);
  for (const e of entries) {
    hash.update(`${e.number}\0${e.bucket}\0${e.id}\0${e.title}\0${e.queryWords ?? ''}\0${e.body}\0${JSON.stringify(e.facets)}\0`);
  }
  return hash.digest('hex');
}

/**
 * Pagefind names each record by its fragment's hash, which search results carry
 * as their id; the fragment (gzipped JSON that starts with the record's URL)
 * says which record it is.
 */
function recordIds(bundle: string, count: number): string[] {
  const ids = new Array<string>(count);
  const dir = path.join(bundle, 'fragment');
  for (const file of readdirSync(dir)) {
    const head = gunzipSync(readFileSync(path.join(dir, file))).subarray(0, 200).toString('utf8');
    const r = /\/search\/record\/(\d+)\//.exec(head)?.[1];
    if (r !== undefined) ids[Number(r)] = file.replace(/\.pf_fragment$/, '');
  }
  const missing = ids.findIndex((id) => id === undefined);
  if (ids.length !== count || missing >= 0) throw new Error(`Pagefind wrote no fragment for search record ${missing}`);
  return ids;
}

function searchTable(entries: readonly SearchEntry[], slots: number[], records: string[], common: SearchTable['common']): SearchTable {
  const buckets: SearchTable['buckets'] = [];
  for (const e of entries) {
    const last = buckets.at(-1);
    if (last?.[0] === e.bucket) last[1]++;
    else buckets.push([e.bucket, 1]);
  }
  return { version: 2, records, slots: encodeSlots(slots), buckets, common };
}

function facetsFile(entries: readonly SearchEntry[]): SearchFacetsFile {
  const filters: Record<string, Map<string, number[]>> = {};
  for (const key of FILTERS) filters[key] = new Map();
  entries.forEach((e, i) => {
    for (const key of FILTERS) {
      for (const value of new Set(e.facets[key])) {
        const list = filters[key]!.get(value);
        if (list) list.push(i);
        else filters[key]!.set(value, [i]);
      }
    }
  });
  const encoded: SearchFacetsFile['filters'] = {};
  for (const key of FILTERS) encoded[key] = Object.fromEntries([...filters[key]!].map(([v, list]) => [v, encodeIndexes(list)]));
  return { version: 1, filters: encoded, dates: encodeDates(entries.map((e) => e.facets.date)) };
}
