/**
 * The search index: Pagefind records (pagefind-records.ts) plus our small files
 * beside Pagefind's bundle (src/lib/search/table.ts). A full index is the base
 * of an incremental one: later builds index only the articles added or changed
 * since, into a delta bundle searched beside it (src/lib/search/delta.ts), until
 * the delta outgrows its share and a full index makes a new base. An index
 * whose inputs are all unchanged since the last build is kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { changedBuckets, DELTA_DIR, deltaFits, planDelta } from '../../lib/search/delta.ts';
import { BODY_START, COMMON_MIN_ARTICLES, COMMON_SHARE, GROUP_SLOTS, SLOT_WORDS, TITLE_END, type ArticleText } from '../../lib/search/layout.ts';
import type { SearchFacets } from '../../lib/output/search-record.ts';
import { wordsFile, WORDS_DIR } from '../../lib/search/spelling.ts';
import { VocabularyCounter } from '../../lib/search/vocabulary.ts';
import { encodeDates, encodeIndexes, encodeSlots, FACETS_FILE, TABLE_FILE, TABLE_VERSION, type SearchFacetsFile, type SearchTable } from '../../lib/search/table.ts';
import { commonSpellings, layoutTokens, Lexicon, RecordText, slotCount } from '../../lib/search/tokens.ts';
import { INDEX_CHUNK_SIZE, writeRecords } from './pagefind-records.ts';
import { collectGarbage } from './collect-garbage.ts';
import { BASE_STAMP, linkBundle, readBase, writeBase, type BaseState } from './search-base.ts';

export interface SearchEntry extends ArticleText {
  number: number;
  bucket: string;
  facets: SearchFacets;
}

export interface SearchIndexResult {
  /** Articles indexed. */
  articles: number;
  /** Pagefind records they fill (the base's and the delta's). */
  records: number;
  /** False when the previous index was kept because nothing changed. */
  rebuilt: boolean;
  /** Set when only a delta was indexed: its articles, and the base articles it hides. */
  delta?: { articles: number; hidden: number };
  seconds: number;
}

const FILTERS = ['product', 'year', 'os'] as const;
/** In the bundle: the digest of everything the current index shows, base and delta. */
const STAMP = 'records.sha256';
/** What a full index's layout depends on: a base made with other settings is not used. */
const LAYOUT = `${TABLE_VERSION} ${SLOT_WORDS} ${GROUP_SLOTS} ${TITLE_END} ${BODY_START} ${INDEX_CHUNK_SIZE} ${WORDS_DIR} ${COMMON_SHARE} ${COMMON_MIN_ARTICLES}`;
const BASE_RECORDS = '/search/record/';
const NO_TOKENS = new Int32Array(0);
const DELTA_RECORDS = '/search/delta/';

/** The hash of what an article puts in the index: a change to it puts the article in a delta. */
export function textHash(e: SearchEntry): string {
  return createHash('sha1').update(`${e.number}\0${e.id}\0${e.title}\0${e.queryWords ?? ''}\0${e.body}`).digest('hex').slice(0, 16);
}

/** An article unchanged since the last build, known by what that build kept of it: its text is not read again unless needed. */
export interface KeptEntry {
  number: number;
  bucket: string;
  facets: SearchFacets;
  hash: string;
  /** Its file, to read it again should the index need its text. */
  file: string;
}

/** Reads the given articles' files again for their text (search entries, in any order). */
export type Reread = (files: ReadonlySet<string>) => Promise<SearchEntry[]>;

/** An article read in this build, laid out for the index as it is read: its text is not kept. */
interface LaidOut {
  number: number;
  bucket: string;
  facets: SearchFacets;
  hash: string;
  tokens: Int32Array;
}

type Entry = LaidOut | KeptEntry;

export class SearchIndexBuilder {
  /** The spellings of every article laid out, base and delta alike. */
  readonly #lexicon = new Lexicon();
  readonly #entries: Entry[] = [];

  /** An article read in this build; returns the hash of its indexed text. */
  add(a: SearchEntry): string {
    const e = this.#layOut(a);
    this.#entries.push(e);
    return e.hash;
  }

  /** An article not read in this build (KeptEntry). */
  keep(k: KeptEntry) {
    this.#entries.push(k);
  }

  #layOut(a: SearchEntry): LaidOut {
    return { number: a.number, bucket: a.bucket, facets: a.facets, hash: textHash(a), tokens: layoutTokens(a, this.#lexicon) };
  }

  /**
   * Writes the index to `<stagingDir>/pagefind`, unless the same inputs made the
   * one already in `<outDir>/pagefind` (a stamp of their digest is kept inside
   * the bundle). The build moves a new bundle into place when it succeeds.
   * `baseFile` keeps the base (search-base.ts) between builds; `reread` gives
   * the text of kept articles a delta or a new base needs. `peaking` is called
   * when a full index has handed Pagefind every record and its process is about
   * to peak, so that other threads may give memory back.
   */
  async write(outDir: string, stagingDir: string, baseFile: string, reread: Reread, peaking?: () => void): Promise<SearchIndexResult> {
    const started = performance.now();
    const entries = this.#entries.sort((a, b) => a.number - b.number);
    const hashes = entries.map((e) => e.hash);
    const digestOf = createHash('sha256').update(`${LAYOUT}\0`);
    entries.forEach((e, i) => digestOf.update(`${hashes[i]}\0${e.bucket}\0${JSON.stringify(e.facets)}\0`));
    const digest = digestOf.digest('hex');
    const current = path.join(outDir, 'pagefind');
    const stamp = path.join(current, STAMP);
    const seconds = () => (performance.now() - started) / 1000;
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && existsSync(path.join(current, TABLE_FILE))) {
      const table = JSON.parse(readFileSync(path.join(current, TABLE_FILE), 'utf8')) as SearchTable;
      return { articles: entries.length, records: table.records.length + (table.delta?.records.length ?? 0), rebuilt: false, seconds: seconds() };
    }
    const bundle = path.join(stagingDir, 'pagefind');
    rmSync(bundle, { recursive: true, force: true });
    const base = readBase(baseFile, current, LAYOUT);
    const plan = base && planDelta(base, entries.map((e, i) => ({ number: e.number, hash: hashes[i]! })));
    let result: Omit<SearchIndexResult, 'seconds'>;
    const layOut = (a: SearchEntry) => this.#layOut(a);
    if (base && plan && deltaFits(plan, base.numbers.length)) {
      result = await writeDelta(await withText(entries, plan.changed, reread, layOut), base, plan, current, bundle, this.#lexicon);
    } else {
      const all = await withText(entries, entries.map((_, i) => i), reread, layOut);
      result = await writeFull(all as LaidOut[], bundle, digest, this.#lexicon, peaking);
      writeBase(baseFile, { layout: LAYOUT, digest, numbers: entries.map((e) => e.number), hashes });
    }
    writeFileSync(path.join(bundle, STAMP), digest);
    return { ...result, seconds: seconds() };
  }
}

/** The entries, with the kept ones among `needed` (indexes) read again and laid out. */
async function withText(entries: Entry[], needed: readonly number[], reread: Reread, layOut: (a: SearchEntry) => LaidOut): Promise<Entry[]> {
  const files = new Map<string, number>();
  for (const i of needed) {
    const e = entries[i]!;
    if ('file' in e) files.set(e.file, i);
  }
  if (files.size === 0) return entries;
  const byNumber = new Map((await reread(new Set(files.keys()))).map((e) => [e.number, e]));
  const out = [...entries];
  for (const i of files.values()) {
    const text = byNumber.get(entries[i]!.number);
    // The file changed since this build read its stamp: the next build sees it as changed.
    if (!text) throw new Error(`search index: ${(entries[i] as KeptEntry).file} is no longer article ${entries[i]!.number}`);
    out[i] = layOut(text);
  }
  return out;
}

/** A new base: every article, with the archive's words counted first to tell the common ones (layout.ts). */
async function writeFull(entries: LaidOut[], bundle: string, digest: string, lexicon: Lexicon, peaking?: () => void): Promise<Omit<SearchIndexResult, 'seconds'>> {
  const { slots, common, words, text } = countWords(entries, lexicon);
  // Pagefind holds every text once it has them all; our tokens and spellings are not needed again, and keeping them would add to its peak.
  const dropTokens = () => {
    for (const e of entries) e.tokens = NO_TOKENS;
    text.release();
    lexicon.release();
    collectGarbage();
    peaking?.();
  };
  const records = await writeRecords(entries, slots, text, BASE_RECORDS, bundle, dropTokens);
  writeWordFiles(bundle, words);
  const buckets: SearchTable['buckets'] = [];
  for (const e of entries) {
    const last = buckets.at(-1);
    if (last?.[0] === e.bucket) last[1]++;
    else buckets.push([e.bucket, 1]);
  }
  const table: SearchTable = { version: TABLE_VERSION, records, slots: encodeSlots(slots), buckets, common };
  writeFileSync(path.join(bundle, TABLE_FILE), JSON.stringify(table));
  writeFileSync(path.join(bundle, FACETS_FILE), JSON.stringify(facetsFile(entries)));
  writeFileSync(path.join(bundle, BASE_STAMP), digest);
  return { articles: entries.length, records: records.length, rebuilt: true };
}

/**
 * The base's files as they are, and a delta bundle of the changed articles,
 * laid out with the base's common words. The facets cover both: base articles
 * in the base's order (hidden ones with none), then the delta's.
 */
async function writeDelta(
  entries: readonly Entry[],
  base: BaseState,
  plan: { changed: number[]; hidden: number[] },
  current: string,
  bundle: string,
  lexicon: Lexicon,
): Promise<Omit<SearchIndexResult, 'seconds'>> {
  const table = JSON.parse(readFileSync(path.join(current, TABLE_FILE), 'utf8')) as SearchTable;
  linkBundle(current, bundle, new Set([DELTA_DIR, TABLE_FILE, FACETS_FILE, STAMP]));
  const changed = plan.changed.map((i) => entries[i] as LaidOut);
  const deltaBundle = path.join(bundle, DELTA_DIR);
  const { slots, words: wordFiles, text } = countWords(changed, lexicon, table.common);
  const records = changed.length ? await writeRecords(changed, slots, text, DELTA_RECORDS, deltaBundle) : [];
  const words = writeWordFiles(deltaBundle, wordFiles);
  table.delta = {
    records,
    slots: encodeSlots(slots),
    numbers: changed.map((e) => e.number),
    hidden: encodeIndexes(plan.hidden),
    bucketNumbers: changedBuckets(table.buckets, base.numbers, entries),
    words,
  };
  writeFileSync(path.join(bundle, TABLE_FILE), JSON.stringify(table));
  const byNumber = new Map(entries.map((e) => [e.number, e]));
  const hidden = new Set(plan.hidden);
  const ordered = [...base.numbers.map((n, b) => (hidden.has(b) ? undefined : byNumber.get(n))), ...changed];
  writeFileSync(path.join(bundle, FACETS_FILE), JSON.stringify(facetsFile(ordered)));
  return { articles: entries.length, records: table.records.length + records.length, rebuilt: true, delta: { articles: changed.length, hidden: plan.hidden.length } };
}

/**
 * The articles' words counted: the common words (layout.ts), unless `common`
 * gives them (a delta keeps its base's); each article's slot count without
 * them; their record text; and the word files for spelling corrections. Only
 * these outlive this call, so the counter (344,000 words at 20,000 articles)
 * is let go before Pagefind peaks.
 */
function countWords(
  entries: readonly LaidOut[],
  lexicon: Lexicon,
  common?: [string, number][],
): { slots: number[]; common: [string, number][]; words: Map<string, string>; text: RecordText } {
  const vocabulary = new VocabularyCounter(lexicon);
  for (const e of entries) vocabulary.addArticle(e.tokens);
  const commonWords = common ?? vocabulary.common(COMMON_SHARE, COMMON_MIN_ARTICLES);
  const flags = commonSpellings(lexicon, new Set(commonWords.map(([w]) => w)));
  const slots = entries.map((e) => slotCount(e.tokens, flags));
  return { slots, common: commonWords, words: vocabulary.files(), text: new RecordText(lexicon, flags) };
}

/** The words for spelling corrections (src/lib/search/spelling.ts), a file per first two letters; returns the keys written. */
function writeWordFiles(bundle: string, files: ReadonlyMap<string, string>): string[] {
  mkdirSync(path.join(bundle, WORDS_DIR), { recursive: true });
  const keys: string[] = [];
  for (const [key, text] of files) {
    writeFileSync(path.join(bundle, wordsFile(key)), text);
    keys.push(key);
  }
  return keys.sort();
}

/** Filter values and dates by article index; an index with no article (hidden from the base) has neither. */
function facetsFile(entries: readonly (Pick<SearchEntry, 'facets'> | undefined)[]): SearchFacetsFile {
  const filters: Record<string, Map<string, number[]>> = {};
  for (const key of FILTERS) filters[key] = new Map();
  entries.forEach((e, i) => {
    for (const key of FILTERS) {
      for (const value of new Set(e?.facets[key])) {
        const list = filters[key]!.get(value);
        if (list) list.push(i);
        else filters[key]!.set(value, [i]);
      }
    }
  });
  const encoded: SearchFacetsFile['filters'] = {};
  for (const key of FILTERS) encoded[key] = Object.fromEntries([...filters[key]!].map(([v, list]) => [v, encodeIndexes(list)]));
  return { version: 1, filters: encoded, dates: encodeDates(entries.map((e) => e?.facets.date)) };
}
