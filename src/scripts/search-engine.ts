/**
 * The browser side of the search index: Pagefind's JS API finds the records
 * that hold each query word; the search table (src/lib/search/table.ts) turns
 * their word positions into articles (layout.ts), which rank.ts matches and
 * ranks. Loaded by the search page at the first search, never before.
 */
import type { Facets } from '../lib/search/facets.ts';
import { SlotMap } from '../lib/search/layout.ts';
import { matchAll, rank, type Ranked, type WordHits } from '../lib/search/rank.ts';
import { dropOrder } from '../lib/search/relax.ts';
import { bucketOf, decodeDates, decodeIndexes, decodeSlots, FACETS_FILE, TABLE_FILE, type SearchFacetsFile, type SearchTable } from '../lib/search/table.ts';
import { routes } from '../utils/base.ts';

/** The part of Pagefind 1.6's browser API used here: a search's records and their word positions. */
interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
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
}

export class SearchEngine {
  readonly #pf: PagefindModule;
  readonly #table: SearchTable;
  readonly #map: SlotMap;
  readonly #slots: number[];
  readonly #records: Map<string, number>;
  readonly #words = new Map<string, Promise<WordHits>>();
  readonly #numbers = new Map<string, Promise<number[]>>();
  #facets: Promise<Facets> | undefined;

  private constructor(pf: PagefindModule, table: SearchTable) {
    this.#pf = pf;
    this.#table = table;
    this.#slots = decodeSlots(table.slots);
    this.#map = new SlotMap(this.#slots);
    this.#records = new Map(table.records.map((id, i) => [id, i]));
  }

  static async load(): Promise<SearchEngine> {
    const [pf, table] = await Promise.all([
      (import(/* @vite-ignore */ routes.pagefind('pagefind.js')) as Promise<PagefindModule>).then(async (pf) => {
        // Searching on the page's own thread spares the worker script's download.
        await pf.options({ noWorker: true });
        return pf;
      }),
      fetchJson<SearchTable>(routes.pagefind(TABLE_FILE)),
    ]);
    if (table.version !== 1) throw new Error(`unknown search table version ${table.version}`);
    return new SearchEngine(pf, table);
  }

  get articles(): number {
    return this.#slots.length;
  }

  /** Where one word (or a longer word it begins) stands, per article. Cached. */
  hits(word: string): Promise<WordHits> {
    let found = this.#words.get(word);
    if (!found) {
      found = this.#pf.search(word).then((response) => {
        const hits: WordHits = new Map();
        for (const r of response?.results ?? []) {
          const record = this.#records.get(r.id);
          if (record === undefined) continue;
          for (const position of r.words) {
            const at = this.#map.locate(record, position);
            if (!at) continue;
            const list = hits.get(at.article);
            if (list) list.push(at.local);
            else hits.set(at.article, [at.local]);
          }
        }
        for (const list of hits.values()) list.sort((a, b) => a - b);
        return hits;
      });
      found.catch(() => this.#words.delete(word));
      this.#words.set(word, found);
    }
    return found;
  }

  /**
   * The articles with every word, ranked. When none has them all, leaves words
   * out in relax.ts's order (first one no article has, then the commonest) until
   * some article has the rest; a quoted phrase is never relaxed.
   */
  async search(words: readonly string[], phrase: boolean): Promise<Found> {
    const all = await Promise.all(words.map((w) => this.hits(w)));
    const byWord = new Map(words.map((w, i) => [w, all[i]!]));
    const found = (kept: readonly string[]) => {
      const hits = kept.map((w) => byWord.get(w)!);
      return rank(matchAll(hits, phrase), hits, this.articles, this.#slots);
    };
    let ranked = found(words);
    const dropped: string[] = [];
    if (ranked.length > 0 || phrase || words.length < 2) return { ranked, dropped };
    let kept = [...words];
    while (kept.length > 1) {
      const order = dropOrder(kept, kept.map((w) => byWord.get(w)!.size));
      for (const w of order) {
        ranked = found(kept.filter((x) => x !== w));
        if (ranked.length > 0) return { ranked, dropped: [...dropped, w] };
      }
      dropped.push(order[0]!);
      kept = kept.filter((x) => x !== order[0]);
    }
    return { ranked: [], dropped: [] };
  }

  /** The article number of an article index, from its bucket's number list. */
  async numberOf(article: number): Promise<number | undefined> {
    const at = bucketOf(this.#table.buckets, article);
    if (!at) return undefined;
    let list = this.#numbers.get(at.bucket);
    if (!list) {
      list = fetchJson<number[]>(routes.bucketNumbers(at.bucket));
      list.catch(() => this.#numbers.delete(at.bucket));
      this.#numbers.set(at.bucket, list);
    }
    return (await list)[at.offset];
  }

  /** The filter values and dates, fetched once, when filters or a date sort are first used. */
  facets(): Promise<Facets> {
    this.#facets ??= fetchJson<SearchFacetsFile>(routes.pagefind(FACETS_FILE)).then((file) => {
      const filters = new Map<string, Map<string, Uint8Array>>();
      for (const [key, values] of Object.entries(file.filters)) {
        const byValue = new Map<string, Uint8Array>();
        for (const [value, list] of Object.entries(values)) {
          const has = new Uint8Array(this.articles);
          for (const a of decodeIndexes(list)) has[a] = 1;
          byValue.set(value, has);
        }
        filters.set(key, byValue);
      }
      return { filters, dates: decodeDates(file.dates) };
    });
    this.#facets.catch(() => (this.#facets = undefined));
    return this.#facets;
  }
}
