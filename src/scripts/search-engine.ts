/**
 * The browser side of the search index: Pagefind's JS API finds the records
 * that hold each query word; the search table (src/lib/search/table.ts) turns
 * their word positions into articles (layout.ts), which rank.ts matches and
 * ranks. It runs in a worker (search-worker.ts), started by the search page at
 * the first search, never before: Pagefind's WebAssembly answers a search in
 * one call of up to a few hundred milliseconds, which on the page's thread
 * would stall typing.
 */
import { DELTA_DIR, mergedFirsts } from '../lib/search/delta.ts';
import { SlotMap } from '../lib/search/layout.ts';
import { matchAll, rank, type Ranked, type WordHits, type WordMatch } from '../lib/search/rank.ts';
import { dropOrder } from '../lib/search/relax.ts';
import { closestWord, correctionFiles, decodeWords, hasWordStarting, indexForm, wordsFile, wordsFileKey, type KnownWord } from '../lib/search/spelling.ts';
import { decodeIndexes, decodeSlots, TABLE_FILE, TABLE_VERSION, type SearchDelta, type SearchTable } from '../lib/search/table.ts';
import { routes } from '../utils/base.ts';

/** The part of Pagefind 1.6's browser API used here: a search's records and their word positions. */
interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string): Promise<void>;
  preload(term: string): Promise<void>;
  search(term: string): Promise<{ results: { id: string; words: number[] }[] } | null>;
}

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export interface Found {
  /** Articles with every word kept, best first. */
  ranked: Ranked[];
  /** Words left out because no article has them all (relaxed search). */
  dropped: string[];
  /** The words searched (corrected where they were), without the dropped ones, and their matches. */
  words: string[];
  matches: WordMatch[];
  /** Query words the archive has no word for -> how the archive writes the closest word, searched instead. */
  corrections: Map<string, string>;
}

/** A query word as searched: itself, or the correction of a word nothing matches. */
interface Resolved {
  word: string;
  match: WordMatch;
  /** How the archive writes the correction, when `word` is one. */
  corrected?: string;
}

const NO_MATCH: WordMatch = { hits: new Map(), exact: new Set() };

/** The Pagefind indexes searched: the base, and the delta when there is one (src/lib/search/delta.ts). */
type Index = 'base' | 'delta';

export class SearchEngine {
  readonly #pf: PagefindModule;
  readonly #table: SearchTable;
  readonly #map: SlotMap;
  readonly #slots: number[];
  readonly #records: Map<string, number>;
  /** Base articles a delta hides (deleted or changed since the base): 1 per hidden article. */
  readonly #hidden: Uint8Array;
  /** Articles below this index are the base's, the others the delta's. */
  readonly #baseArticles: number;
  readonly #indexes: readonly Index[];
  readonly #words = new Map<string, Promise<WordHits>>();
  readonly #known = new Map<string, Promise<KnownWord[]>>();
  /** Common words (layout.ts) -> how many articles have them. */
  readonly #common: Map<string, number>;

  private constructor(pf: PagefindModule, table: SearchTable) {
    this.#pf = pf;
    this.#table = table;
    // A delta's articles and records follow the base's (delta.ts).
    const baseSlots = decodeSlots(table.slots);
    const deltaSlots = decodeSlots(table.delta?.slots ?? '');
    this.#slots = [...baseSlots, ...deltaSlots];
    this.#baseArticles = baseSlots.length;
    this.#indexes = table.delta ? ['base', 'delta'] : ['base'];
    this.#map = new SlotMap(this.#slots, mergedFirsts(baseSlots, deltaSlots));
    this.#records = new Map([...table.records, ...(table.delta?.records ?? [])].map((id, i) => [id, i]));
    this.#hidden = new Uint8Array(this.#slots.length);
    for (const a of decodeIndexes(table.delta?.hidden ?? '')) this.#hidden[a] = 1;
    this.#common = new Map(table.common);
  }

  static async load(): Promise<SearchEngine> {
    const [pf, table] = await Promise.all([
      (import(/* @vite-ignore */ routes.pagefind('pagefind.js')) as Promise<PagefindModule>).then(async (pf) => {
        // The engine runs in a worker of its own (search-worker.ts): Pagefind's would be a second one.
        await pf.options({ noWorker: true });
        return pf;
      }),
      fetchJson<SearchTable>(routes.pagefind(TABLE_FILE)),
    ]);
    if (table.version !== TABLE_VERSION) throw new Error(`unknown search table version ${table.version}`);
    // Searched together with the base: a delta's few records cost a first search one more small index.
    if (table.delta?.records.length) await pf.mergeIndex(routes.pagefind(`${DELTA_DIR}/`));
    return new SearchEngine(pf, table);
  }

  get articles(): number {
    return this.#slots.length;
  }

  /** The common words (layout.ts), as the search table lists them. */
  get common(): string[] {
    return [...this.#common.keys()];
  }

  /** Buckets in number order with their article counts (the search table's), for article numbers. */
  get buckets(): SearchTable['buckets'] {
    return this.#table.buckets;
  }

  /** The delta's article numbers and the base's changed number lists, for article numbers; none without a delta. */
  get delta(): Pick<SearchDelta, 'numbers' | 'bucketNumbers'> | undefined {
    const d = this.#table.delta;
    return d && { numbers: d.numbers, bucketNumbers: d.bucketNumbers };
  }

  /**
   * Where one Pagefind search term matches, per article: a word (or a longer
   * word it begins, or, for a word no indexed word begins, the longest indexed
   * word that begins it), or a quoted word (its stem's forms only). Cached.
   */
  #search(term: string): Promise<WordHits> {
    let found = this.#words.get(term);
    if (!found) {
      found = this.#pf.search(term).then((response) => {
        const hits: WordHits = new Map();
        for (const r of response?.results ?? []) {
          const record = this.#records.get(r.id);
          if (record === undefined) continue;
          for (const position of r.words) {
            const at = this.#map.locate(record, position);
            if (!at || this.#hidden[at.article]) continue;
            const list = hits.get(at.article);
            if (list) list.push(at.local);
            else hits.set(at.article, [at.local]);
          }
        }
        for (const list of hits.values()) list.sort((a, b) => a - b);
        return hits;
      });
      found.catch(() => this.#words.delete(term));
      this.#words.set(term, found);
    }
    return found;
  }

  /**
   * A word's matches: where it or a longer word it begins stands, and the
   * articles that may have the word itself (those in the index records its
   * exact search names; rank.ts says why no closer). A common word (layout.ts)
   * is not looked up unless `always`.
   */
  async match(word: string, always = false): Promise<WordMatch> {
    const common = this.#common.get(indexForm(word));
    if (common !== undefined && !always) return { hits: new Map(), exact: new Set(), common };
    const [hits, exactHits] = await Promise.all([this.#search(word), this.#search(`"${word}"`)]);
    const records = new Set<number>();
    for (const a of exactHits.keys()) records.add(this.#map.recordOf(a));
    const exact = new Set<number>();
    for (const a of hits.keys()) if (records.has(this.#map.recordOf(a))) exact.add(a);
    return { hits, exact, ...(common !== undefined && { common }) };
  }

  /** Starts fetching the index chunks the words need, while they are still being typed; common words need none. */
  preload(words: readonly string[]) {
    for (const w of words) if (!this.#common.has(indexForm(w)) && !this.#words.has(w)) void this.#pf.preload(w).catch(() => {});
  }

  /**
   * The words whose first two letters make `key` (spelling.ts) in one index, the
   * base's or the delta's, fetched once; none when that index has no such file.
   */
  #indexWords(index: Index, key: string): Promise<KnownWord[]> {
    const name = `${index}:${key}`;
    let words = this.#known.get(name);
    if (!words) {
      const inDelta = index === 'delta' && this.#table.delta?.words.includes(key);
      words =
        index === 'base' || inDelta
          ? fetch(routes.pagefind(index === 'base' ? wordsFile(key) : `${DELTA_DIR}/${wordsFile(key)}`)).then(async (res) => {
              if (res.status === 404) return [];
              if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status}`);
              return decodeWords(await res.text());
            })
          : Promise.resolve([]);
      words.catch(() => this.#known.delete(name));
      this.#known.set(name, words);
    }
    return words;
  }

  /** The archive's words whose first two letters make `key`: the base's and the delta's. */
  async #knownWords(key: string): Promise<KnownWord[]> {
    const [base, delta] = await Promise.all(this.#indexes.map((index) => this.#indexWords(index, key)));
    return delta?.length ? [...base!, ...delta] : base!;
  }

  /**
   * A match without the hits of an index that has the word in none of its
   * forms: there Pagefind found a shortened word (it takes the longest indexed
   * word that begins an unknown one). An index with an exact hit has the word;
   * otherwise its own word files say whether some word begins it (being typed).
   */
  async #withoutShortened(form: string, match: WordMatch): Promise<WordMatch> {
    const kept = await Promise.all(
      this.#indexes.map(async (index) => {
        const mine = (a: number) => (a < this.#baseArticles) === (index === 'base');
        const hits = [...match.hits.keys()].some(mine);
        if (!hits || [...match.exact!].some(mine)) return true;
        return hasWordStarting(await this.#indexWords(index, wordsFileKey(form)), form);
      }),
    );
    if (kept.every(Boolean)) return match;
    const keep = (a: number) => kept[a < this.#baseArticles ? 0 : 1];
    return {
      ...match,
      hits: new Map([...match.hits].filter(([a]) => keep(a))),
      exact: new Set([...match.exact!].filter(keep)),
    };
  }

  /**
   * A query word with its matches. A word the index has exactly, or that some
   * archive word begins (it is being typed), is itself. Otherwise Pagefind's
   * matches are of a shortened word, never shown: the word is corrected to
   * the closest archive word (spelling.ts), unless `verbatim`; without one
   * close enough it matches nothing.
   */
  async #resolve(word: string, onlyCommon: boolean, verbatim: boolean): Promise<Resolved> {
    const form = indexForm(word);
    const match = await this.match(word, onlyCommon);
    if (match.common !== undefined || form.length <= 2) return { word, match };
    const real = await this.#withoutShortened(form, match);
    if (real.hits.size > 0) return { word, match: real };
    if (verbatim || hasWordStarting(await this.#knownWords(wordsFileKey(form)), form)) return { word, match: real };
    const files = await Promise.all(correctionFiles(form).map((key) => this.#knownWords(key)));
    const closest = closestWord(form, files.flat());
    if (!closest) return { word, match: NO_MATCH };
    const corrected = await this.#withoutShortened(closest.word, await this.match(closest.word));
    return { word: closest.word, match: corrected, corrected: closest.written ?? closest.word };
  }

  /**
   * The articles with every word, ranked; common words (layout.ts) are not
   * required unless the query has only those. Words nothing matches are
   * corrected first (unless `verbatim`). When no article has them all, leaves
   * words out in relax.ts's order (first one no article has, then the
   * commonest) until some article has the rest; a quoted phrase is never
   * relaxed.
   */
  async search(query: readonly string[], phrase: boolean, verbatim = false): Promise<Found> {
    const onlyCommon = query.every((w) => this.#common.has(indexForm(w)));
    const resolved = await Promise.all(query.map((w) => this.#resolve(w, onlyCommon, verbatim)));
    const corrections = new Map(resolved.flatMap((r, i) => (r.corrected ? [[indexForm(query[i]!), r.corrected] as const] : [])));
    const words = [...new Set(resolved.map((r) => r.word))];
    const byWord = new Map(resolved.map((r) => [r.word, r.match]));
    const found = (kept: readonly string[]): Found => {
      const matches = kept.map((w) => byWord.get(w)!);
      const required = matches.map((m) => (m.common === undefined || onlyCommon ? m.hits : undefined));
      const ranked = rank(matchAll(required, phrase), matches, this.articles, this.#slots);
      return { ranked, dropped: words.filter((w) => !kept.includes(w)), words: [...kept], matches, corrections };
    };
    const all = found(phrase ? resolved.map((r) => r.word) : words);
    if (all.ranked.length > 0 || phrase || words.length < 2) return all;
    let kept = [...words];
    // Leaving out a common word changes nothing: it is not required.
    const droppable = () => kept.filter((w) => onlyCommon || byWord.get(w)!.common === undefined);
    while (droppable().length > 1) {
      const candidates = droppable();
      const order = dropOrder(candidates, candidates.map((w) => byWord.get(w)!.hits.size));
      for (const w of order) {
        const some = found(kept.filter((x) => x !== w));
        if (some.ranked.length > 0) return some;
      }
      kept = kept.filter((x) => x !== order[0]);
    }
    return { ...found([]), dropped: [] };
  }
}
