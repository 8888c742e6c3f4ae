/**
 * `<kb-search>`: the search page (Search.astro), a small accessible UI of our
 * own over Pagefind's JS API rather than Pagefind's Component or Modular UI:
 *
 * - the index holds many articles per Pagefind record (src/lib/search/layout.ts),
 *   so results are articles that search-engine.ts works out and ranks; neither
 *   UI could show them;
 * - a number query (`Q192493`, `KB192493`, `192493`) offers the article at once,
 *   computed from the number, confirmed from the bucket's number list (no index
 *   fetch), and puts that article first whatever the ranking;
 * - each result shows its id, title, product and date from the article's JSON
 *   document, and an excerpt of its text with the matched words marked;
 * - filters and the date sort load their data only when first used.
 *
 * The search code and index load when the page has a query in its address, or
 * at the first keystroke, never before.
 */
import { lookupTarget } from '../lib/kb/lookup.ts';
import type { ArticleDocument } from '../lib/output/article-json.ts';
import { bodyMarks, excerptOf, type ExcerptPart } from '../lib/search/excerpt.ts';
import { hasPhrase, markedFirst, PHRASE_CHECKED } from '../lib/search/phrase.ts';
import { countValues, everyArticle, type Facets, filterOptions, orderResults } from '../lib/search/facets.ts';
import { FILTER_KEYS, hasFilters, queryNumber, readState, searchTerms, stateSearch, type FilterKey, type SearchState, type SortOrder } from '../lib/search/query.ts';
import { formatDate, pathOf, pinFirst } from '../lib/search/results.ts';
import { correctedQuery } from '../lib/search/spelling.ts';
import { nextPage, statusText } from '../lib/search/status.ts';
import { routes } from '../utils/base.ts';
import { json, notInArchive, numbersNear } from './archive-numbers.ts';
import type { Found, SearchClient } from './search-client.ts';

/** The parameter pagefind-highlight.js reads on the article page (search-highlight.ts). */
const HIGHLIGHT_PARAM = 'pagefind-highlight';
/** A pause this long ends typing; the index chunks a query needs load meanwhile (preload). */
const TYPING_DELAY_MS = 120;
/** The dev server searches the last build's index (article-files serves it), so there it may simply not exist yet. */
const INDEX_MISSING = import.meta.env.DEV
  ? 'Search needs a build: run `npm run build` once, and the dev server searches that index.'
  : 'Search is not available: its index could not be loaded.';

let engine: Promise<SearchClient> | undefined;
/** The search engine and its index, loaded once, on first need. */
function searchEngine(): Promise<SearchClient> {
  engine ??= import('./search-client.ts').then(({ SearchClient }) => SearchClient.load());
  engine.catch(() => (engine = undefined));
  return engine;
}

/** A result as the list shows it. */
interface Shown {
  url: string;
  id: string;
  title: string;
  product: string;
  date: string;
  excerpt: ExcerptPart[];
}

const samePage = (a: Shown, b: Shown) => pathOf(a.url) === pathOf(b.url);

/** Documents fetched lately: a quoted phrase's are read to check its results, then shown. */
const docs = new Map<number, Promise<ArticleDocument | undefined>>();

/** An article's JSON document (article-json.ts), beside its page. */
function articleDoc(n: number): Promise<ArticleDocument | undefined> {
  let doc = docs.get(n);
  if (!doc) {
    if (docs.size >= 200) docs.clear();
    doc = json<ArticleDocument>(routes.articleJson(lookupTarget(n).id));
    doc.catch(() => docs.delete(n));
    docs.set(n, doc);
  }
  return doc;
}

/** A quoted phrase's results, the first ones that have its words as quoted (phrase.ts) first. */
async function phraseFirst(search: SearchClient, results: number[], words: readonly string[]): Promise<number[]> {
  const checked = results.slice(0, PHRASE_CHECKED);
  const has = await Promise.all(
    checked.map(async (article) => {
      const n = await search.numberOf(article);
      const doc = n === undefined ? undefined : await articleDoc(n).catch(() => undefined);
      return !!doc && (hasPhrase(doc.title, words) || hasPhrase(doc.text, words));
    }),
  );
  return [...markedFirst(checked, has), ...results.slice(PHRASE_CHECKED)];
}

/** A permalink with the searched words for the article page's highlighter. */
function highlighted(permalink: string, words: readonly string[]): string {
  const params = new URLSearchParams(words.map((w) => [HIGHLIGHT_PARAM, w]));
  return words.length ? `${permalink}?${params}` : permalink;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function resultItem(r: Shown): HTMLLIElement {
  const li = el('li', 'search-result');
  const a = el('a', 'search-result-link');
  // Result URLs are the site's own permalinks; anything else is not followed.
  a.href = r.url.startsWith('/') && !r.url.startsWith('//') ? r.url : '#';
  a.append(el('span', 'search-result-id', r.id), ' ', el('span', 'search-result-title', r.title || r.id));
  const meta = el('p', 'search-result-meta');
  if (r.product) meta.append(el('span', 'search-result-product', r.product));
  if (r.date) {
    const time = el('time', undefined, formatDate(r.date));
    time.dateTime = r.date;
    meta.append(time);
  }
  li.append(a, meta);
  if (r.excerpt.length > 0) {
    const p = el('p', 'search-result-excerpt');
    // Text nodes and <mark> elements only: nothing from an article becomes markup.
    p.append(...r.excerpt.map((part) => (part.mark ? el('mark', undefined, part.text) : document.createTextNode(part.text))));
    li.append(p);
  }
  return li;
}

class KbSearch extends HTMLElement {
  #input!: HTMLInputElement;
  #selects = new Map<FilterKey, HTMLSelectElement>();
  #sort!: HTMLSelectElement;
  #filterPanel!: HTMLDetailsElement;
  #lookup!: HTMLElement;
  #count!: HTMLElement;
  #list!: HTMLOListElement;
  #more!: HTMLButtonElement;
  #mentions!: HTMLButtonElement;
  #correction!: HTMLElement;

  /** Increases with every search; an answer for an older one is dropped. */
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The current search's articles, in the order shown, and where its words matched. */
  #results: number[] = [];
  #words: string[] = [];
  /** Search the words as typed, without corrections: until the query is edited. */
  #verbatim = false;
  /** How many of #results have been shown. */
  #taken = 0;
  #pinned: Shown | undefined;
  #lookupFor: { n: number; pinned: Promise<Shown | undefined> } | undefined;
  #facets: Facets | undefined;
  /** The number whose mentions were asked for: its query then searches the index too. */
  #mentionsOf: number | undefined;

  connectedCallback() {
    const form = this.querySelector('form')!;
    this.#input = form.querySelector('input[name=q]')!;
    for (const key of FILTER_KEYS) this.#selects.set(key, form.querySelector(`select[name=${key}]`)!);
    this.#sort = form.querySelector('select[name=sort]')!;
    this.#filterPanel = form.querySelector('details')!;
    this.#lookup = this.querySelector('[data-lookup]')!;
    this.#count = this.querySelector('[data-count]')!;
    this.#list = this.querySelector('[data-results]')!;
    this.#more = this.querySelector('[data-more]')!;
    this.#mentions = this.querySelector('[data-mentions]')!;
    this.#correction = this.querySelector('[data-correction]')!;

    const state = readState(new URLSearchParams(location.search));
    this.#show(state);

    this.#input.addEventListener('input', () => {
      this.#verbatim = false;
      const { words } = searchTerms(this.#input.value);
      void searchEngine().then((search) => search.preload(words), () => {});
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#run(), TYPING_DELAY_MS);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#submit();
    });
    for (const select of [...this.#selects.values(), this.#sort]) select.addEventListener('change', () => void this.#run());
    this.#filterPanel.addEventListener('toggle', () => {
      if (this.#filterPanel.open) void this.#openFilters();
    });
    this.#more.addEventListener('click', () => void this.#showMore());
    this.#mentions.addEventListener('click', () => {
      this.#mentionsOf = queryNumber(this.#input.value);
      void this.#run().then(() => (this.#links()[1] ?? this.#links()[0])?.focus());
    });
    this.#input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' && this.#links()[0]) {
        event.preventDefault();
        this.#links()[0]!.focus();
      }
    });
    this.#list.addEventListener('keydown', (event) => this.#moveFocus(event));

    if (hasFilters(state)) this.#filterPanel.open = true;
    if (state.q.trim() || hasFilters(state)) void this.#run();
  }

  /** Puts a state into the controls; a filter value not listed yet gets its option. */
  #show(state: SearchState) {
    this.#input.value = state.q;
    for (const [key, select] of this.#selects) {
      const value = state.filters[key] ?? '';
      if (value && ![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
      select.value = value;
    }
    this.#sort.value = state.sort;
    this.#verbatim = state.verbatim;
  }

  #state(): SearchState {
    const filters: SearchState['filters'] = {};
    for (const [key, select] of this.#selects) if (select.value) filters[key] = select.value;
    return { q: this.#input.value, filters, sort: this.#sort.value as SortOrder, verbatim: this.#verbatim };
  }

  #links(): HTMLAnchorElement[] {
    return [...this.#list.querySelectorAll<HTMLAnchorElement>('a.search-result-link')];
  }

  /** Up and down arrows move between results; up from the first goes back to the search box. */
  #moveFocus(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = this.#links();
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? links[i + 1] : (links[i - 1] ?? this.#input);
    next?.focus();
  }

  /** Enter: a number opens its article when the archive has it; anything else searches now. */
  async #submit() {
    clearTimeout(this.#timer);
    const n = queryNumber(this.#input.value);
    if (n !== undefined) {
      const pinned = await this.#lookupNumber(n);
      if (pinned) {
        location.assign(pinned.url);
        return;
      }
    }
    await this.#run();
  }

  /**
   * Shows the article a number names at once (computed, no fetch), then checks the
   * bucket's number list: the article's own result to put first, or a message that
   * the archive lacks it with the nearest numbers it has.
   */
  #lookupNumber(n: number): Promise<Shown | undefined> {
    if (this.#lookupFor?.n === n) return this.#lookupFor.pinned;
    const t = lookupTarget(n);
    const link = el('a', 'search-lookup-link', `${t.id}: open article`);
    link.href = routes.article(t.id);
    const p = el('p');
    p.append(link);
    this.#lookup.replaceChildren(p);
    this.#lookup.hidden = false;
    const pinned = numbersNear(n).then(
      async ({ has, near }): Promise<Shown | undefined> => {
        if (!has) {
          if (this.#lookupFor?.n === n) this.#lookup.replaceChildren(...notInArchive(n, near));
          return undefined;
        }
        const doc = await articleDoc(n).catch(() => undefined);
        return {
          url: routes.article(t.id),
          id: t.id,
          title: doc?.title ?? '',
          product: doc?.products.map((x) => x.name).join(', ') ?? '',
          date: doc?.lastModified ?? '',
          excerpt: doc?.summary ? [{ text: doc.summary, mark: false }] : [],
        };
      },
      () => undefined,
    );
    this.#lookupFor = { n, pinned };
    return pinned;
  }

  async #run() {
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    const started = performance.now();
    const state = this.#state();
    history.replaceState(history.state, '', `${location.pathname}${stateSearch(state)}${location.hash}`);
    const q = state.q.trim();
    const n = queryNumber(q);
    const lookup = n === undefined ? undefined : this.#lookupNumber(n);
    if (n === undefined) {
      this.#lookupFor = undefined;
      this.#lookup.hidden = true;
      this.#lookup.replaceChildren();
    }
    if (n !== this.#mentionsOf) this.#mentionsOf = undefined;
    this.#mentions.hidden = true;
    this.#correction.hidden = true;
    if (!q && !hasFilters(state)) {
      this.#results = [];
      this.#list.replaceChildren();
      this.#more.hidden = true;
      this.#count.textContent = '';
      return;
    }
    if (lookup && n !== this.#mentionsOf && !hasFilters(state)) {
      // The number of an article the archive has: that article is the answer, and the
      // index is not needed for it. Articles that mention the number are one click away.
      const pinned = await lookup;
      if (seq !== this.#seq) return;
      if (pinned) {
        this.#results = [];
        this.#pinned = pinned;
        this.#list.replaceChildren(resultItem(pinned));
        this.#more.hidden = true;
        this.#mentions.textContent = `Find articles that mention ${pinned.id}`;
        this.#mentions.hidden = false;
        this.#count.textContent = `1 result for “${q}”.`;
        return;
      }
    }
    const { words, phrase } = searchTerms(q);
    let found: Found;
    let facets: Facets | undefined;
    let results: number[];
    try {
      const search = await searchEngine();
      const needFacets = hasFilters(state) || state.sort !== 'relevance' || this.#filterPanel.open;
      [found, facets] = await Promise.all([
        words.length ? search.search({ words, phrase, verbatim: state.verbatim }) : { ranked: everyArticle(search.articles), dropped: [], words: [], corrections: new Map() },
        needFacets ? search.facets() : this.#facets,
      ]);
      results = orderResults(found.ranked, state, facets);
      if (phrase && state.sort === 'relevance') results = await phraseFirst(search, results, found.words);
    } catch {
      if (seq === this.#seq) this.#count.textContent = INDEX_MISSING;
      return;
    }
    const pinned = await lookup;
    if (seq !== this.#seq) return;
    this.#facets = facets;
    const matched = found.ranked.map((r) => r.article);
    this.#updateFilterOptions(matched);
    this.#results = results;
    this.#words = found.words;
    this.#taken = 0;
    this.#pinned = pinned;
    // The first page replaces the old results only once it is in: no flicker while typing.
    const ranked = performance.now();
    const page = await this.#nextPage();
    if (seq !== this.#seq || !page) return;
    // Where a search's time goes, for the browser's performance tools and the search probe.
    performance.measure('kb-search: find and rank', { start: started, end: ranked });
    performance.measure('kb-search: first page', { start: ranked });
    this.#list.replaceChildren(...page.map(resultItem));
    this.#more.hidden = this.#taken >= this.#results.length;
    const searched = found.corrections.size ? correctedQuery(q, found.corrections) : q;
    this.#count.textContent = statusText({ count: Math.max(this.#results.length, pinned ? 1 : 0), q: searched, filtered: hasFilters(state), dropped: found.dropped });
    this.#showCorrection(state, found.corrections);
  }

  /** "Showing results for …; search instead for …" when words were corrected, both links to searches. */
  #showCorrection(state: SearchState, corrections: ReadonlyMap<string, string>) {
    if (corrections.size === 0) return;
    const q = state.q.trim();
    const corrected = correctedQuery(q, corrections);
    const link = (text: string, to: SearchState) => {
      const a = el('a');
      a.href = `${location.pathname}${stateSearch(to)}`;
      a.append(el('em', undefined, text));
      a.addEventListener('click', (event) => {
        event.preventDefault();
        this.#show(to);
        void this.#run().then(() => this.#input.focus());
      });
      return a;
    };
    this.#correction.replaceChildren(
      'Showing results for ',
      link(corrected, { ...state, q: corrected, verbatim: false }),
      '; search instead for ',
      link(q, { ...state, verbatim: true }),
      '.',
    );
    this.#correction.hidden = false;
  }

  /**
   * The next page of results as shown: the exact article of a number query first
   * on the first page, and left out of the later ones. Undefined when a newer
   * search started meanwhile, or the results could not be loaded.
   */
  async #nextPage(): Promise<Shown[] | undefined> {
    const seq = this.#seq;
    const first = this.#taken === 0;
    const { batch, taken } = nextPage(this.#results, this.#taken);
    let shown: Shown[];
    try {
      const search = await searchEngine();
      const positions = await search.positions(batch);
      shown = await Promise.all(batch.map((a, i) => this.#shown(search, a, positions[i] ?? [])));
    } catch {
      if (seq === this.#seq) this.#count.textContent = 'Some results could not be loaded.';
      return undefined;
    }
    if (seq !== this.#seq) return undefined;
    this.#taken = taken;
    const pinned = this.#pinned;
    return first ? pinFirst(shown, pinned, samePage) : shown.filter((s) => !pinned || !samePage(s, pinned));
  }

  /** One result: its number from the search table, the rest from its JSON document. */
  async #shown(search: SearchClient, article: number, positions: readonly number[]): Promise<Shown> {
    const n = await search.numberOf(article);
    const doc = n === undefined ? undefined : await articleDoc(n);
    if (n === undefined || !doc) throw new Error(`no document for search result ${article}`);
    const t = lookupTarget(n);
    return {
      url: highlighted(routes.article(t.id), this.#words),
      id: t.id,
      title: doc.title,
      product: doc.products.map((p) => p.name).join(', '),
      date: doc.lastModified ?? '',
      excerpt: excerptOf(doc.text, bodyMarks(doc.text, positions, this.#words, search.common)),
    };
  }

  /** "Show more results": the next page, and focus on the first of it. */
  async #showMore() {
    if (this.#more.ariaBusy === 'true') return;
    this.#more.ariaBusy = 'true';
    const page = await this.#nextPage().finally(() => (this.#more.ariaBusy = null));
    if (!page) return;
    const items = page.map(resultItem);
    this.#list.append(...items);
    this.#more.hidden = this.#taken >= this.#results.length;
    items[0]?.querySelector('a')?.focus();
  }

  /** The filter panel opened: its values, with counts for the current search or the whole archive. */
  async #openFilters() {
    if (this.#facets) return;
    const state = this.#state();
    if (state.q.trim() || hasFilters(state)) return void this.#run();
    const search = await searchEngine().catch(() => undefined);
    this.#facets = await search?.facets().catch(() => undefined);
    if (search && this.#facets) this.#updateFilterOptions(everyArticle(search.articles).map((r) => r.article));
  }

  /** Lists each filter's values that occur among `articles` (the search before filtering), with counts; keeps the chosen one. */
  #updateFilterOptions(articles: readonly number[]) {
    if (!this.#facets) return;
    const counts = countValues(this.#facets, articles);
    for (const [key, select] of this.#selects) {
      const chosen = select.value;
      const values = filterOptions(key, counts[key], chosen);
      const any = new Option('Any', '');
      select.replaceChildren(any, ...values.map(([v, c]) => new Option(`${v} (${c.toLocaleString('en-US')})`, v)));
      select.value = chosen;
    }
  }
}

customElements.define('kb-search', KbSearch);
