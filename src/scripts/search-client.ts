/**
 * The search page's side of the search engine, which runs in a worker
 * (search-engine.ts says why): searches go there, and come back as ranked
 * articles. Article numbers (from the buckets' number lists) and the filter
 * data are fetched here, where they are shown.
 */
import type { Facets } from '../lib/search/facets.ts';
import type { Ranked } from '../lib/search/rank.ts';
import { bucketOf, decodeDates, decodeIndexes, FACETS_FILE, type SearchFacetsFile } from '../lib/search/table.ts';
import { routes } from '../utils/base.ts';
import type { Answers, Call, Reply, SearchRequest } from './search-protocol.ts';

export interface Found {
  /** Articles with every word kept, best first. */
  ranked: Ranked[];
  /** Words left out because no article has them all (relaxed search). */
  dropped: string[];
  /** The words searched (corrected where they were), without the dropped ones. */
  words: string[];
  /** Query words the archive has no word for -> how the archive writes the closest word, searched instead. */
  corrections: Map<string, string>;
}

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export class SearchClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #next = 0;
  #articles = 0;
  #buckets: [string, number][] = [];
  #common: ReadonlySet<string> = new Set();
  #delta: Answers['init']['delta'];
  readonly #numbers = new Map<string, Promise<number[]>>();
  #facets: Promise<Facets> | undefined;

  private constructor() {
    this.#worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'kb-search' });
    this.#worker.addEventListener('message', ({ data }: MessageEvent<Reply>) => {
      const p = this.#pending.get(data.id);
      this.#pending.delete(data.id);
      if (data.error !== undefined) p?.reject(new Error(data.error));
      else p?.resolve(data.result);
    });
    this.#worker.addEventListener('error', () => {
      for (const p of this.#pending.values()) p.reject(new Error('the search worker failed'));
      this.#pending.clear();
    });
  }

  #ask<C extends Call>(call: C): Promise<Answers[C['call']]> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, ...call });
    });
  }

  static async load(): Promise<SearchClient> {
    const client = new SearchClient();
    try {
      const { articles, buckets, common, delta } = await client.#ask({ call: 'init' });
      client.#articles = articles;
      client.#buckets = buckets;
      client.#common = new Set(common);
      client.#delta = delta;
    } catch (err) {
      client.#worker.terminate();
      throw err;
    }
    return client;
  }

  get articles(): number {
    return this.#articles;
  }

  /** The common words (layout.ts), which take no body positions. */
  get common(): ReadonlySet<string> {
    return this.#common;
  }

  async search(request: SearchRequest): Promise<Found> {
    const a = await this.#ask({ call: 'search', request });
    const ranked = Array.from(a.articles, (article, i) => ({ article, score: a.scores[i]! }));
    return { ranked, dropped: a.dropped, words: a.words, corrections: new Map(a.corrections) };
  }

  /** Where the last search's words are in each of `articles`, for their excerpts. */
  positions(articles: number[]): Promise<number[][]> {
    return this.#ask({ call: 'positions', articles });
  }

  /** Starts fetching the index chunks the words need, while they are still being typed. */
  preload(words: readonly string[]) {
    void this.#ask({ call: 'preload', words }).catch(() => {});
  }

  /**
   * The article number of an article index: a base article's from its bucket's
   * number list (as it was at the base, when it has changed since), a delta
   * article's from the search table (src/lib/search/delta.ts).
   */
  async numberOf(article: number): Promise<number | undefined> {
    const at = bucketOf(this.#buckets, article);
    if (!at) return this.#delta?.numbers[article - this.#buckets.reduce((n, [, count]) => n + count, 0)];
    const was = this.#delta?.bucketNumbers[at.bucket];
    if (was) return was[at.offset];
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
