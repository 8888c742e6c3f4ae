/**
 * `<kb-search>`: the search page (Search.astro), a small accessible UI of our
 * own over Pagefind's JS API rather than Pagefind's Component or Modular UI:
 *
 * - a number query (`Q192493`, `KB192493`, `192493`) offers the article at once,
 *   computed from the number, confirmed from the bucket's number list (no index
 *   fetch), and puts that article first whatever Pagefind's prefix matching ranks
 *   above it; neither UI lets a result be inserted or reordered;
 * - each result shows its id, title, product and date from the record's metadata;
 * - filters load only when the filter panel opens: on the whole archive they are
 *   hundreds of kilobytes a first search does not need (the Component UI loads
 *   them up front), and the script is a few kilobytes instead of ~180 KB.
 *
 * Pagefind itself (`/pagefind/pagefind.js`) loads when the page has a query in
 * its address, or at the first keystroke, never before.
 */
import { lookupTarget } from '../lib/kb/lookup.ts';
import { excerptParts, type ExcerptPart } from '../lib/search/excerpt.ts';
import type { PagefindApi, PagefindFilterCounts, PagefindResponse, PagefindResult, PagefindSearchOptions } from '../lib/search/pagefind-api.ts';
import { FILTER_KEYS, hasFilters, pagefindOptions, queryNumber, readState, stateSearch, type FilterKey, type SearchState, type SortOrder } from '../lib/search/query.ts';
import { dropOrder, queryWords } from '../lib/search/relax.ts';
import { formatDate, pathOf, pinFirst, titleWithoutId } from '../lib/search/results.ts';
import { notInArchive, numbersNear } from './archive-numbers.ts';

const PAGEFIND_URL = '/pagefind/pagefind.js';
/** The parameter pagefind-highlight.js reads on the article page (search-highlight.ts). */
const HIGHLIGHT_PARAM = 'pagefind-highlight';
const PAGE_SIZE = 10;
const TYPING_DELAY_MS = 200;

let api: Promise<PagefindApi> | undefined;
/** Pagefind's module, imported once, on first need. */
function pagefind(): Promise<PagefindApi> {
  api ??= (import(/* @vite-ignore */ PAGEFIND_URL) as Promise<PagefindApi>).then(async (pf) => {
    await pf.options({ highlightParam: HIGHLIGHT_PARAM, excerptLength: 24 });
    return pf;
  });
  api.catch(() => (api = undefined));
  return api;
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

/** The article JSON document's fields this page uses (src/lib/output/article-json.ts). */
interface ArticleDoc {
  title: string;
  products: { name: string }[];
  lastModified: string | null;
  summary: string;
}

const samePage = (a: Shown, b: Shown) => pathOf(a.url) === pathOf(b.url);

/**
 * When no page has every word: searches again without one word, trying them in
 * relax.ts's order; then without two, and so on. The words' index chunks are
 * loaded already, so this costs no more transfer.
 */
async function relax(pf: PagefindApi, q: string, options: PagefindSearchOptions): Promise<{ response: PagefindResponse; dropped: string[] } | undefined> {
  const words = queryWords(q);
  if (words.length < 2 || words.length > 8 || /^\s*".*"\s*$/.test(q)) return undefined;
  const counts = new Map(await Promise.all(words.map(async (w) => [w, (await pf.search(w, options))?.results.length ?? 0] as const)));
  let kept = words;
  const dropped: string[] = [];
  while (kept.length > 1) {
    const order = dropOrder(kept, kept.map((w) => counts.get(w) ?? 0));
    for (const w of order) {
      const response = await pf.search(kept.filter((x) => x !== w).join(' '), options);
      if (response && response.results.length > 0) return { response, dropped: [...dropped, w] };
    }
    dropped.push(order[0]!);
    kept = kept.filter((x) => x !== order[0]);
  }
  return undefined;
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

  /** Increases with every search; an answer for an older one is dropped. */
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #results: PagefindResult[] = [];
  /** How many of #results have been shown. */
  #taken = 0;
  #pinned: Shown | undefined;
  #lookupFor: { n: number; pinned: Promise<Shown | undefined> } | undefined;
  #filtersLoad: Promise<PagefindFilterCounts | undefined> | undefined;
  #allFilters: PagefindFilterCounts | undefined;
  /** Whether the shown search ran with every filter loaded, so its counts are complete. */
  #countsComplete = false;
  /** The number whose mentions were asked for: its query then searches the index too. */
  #mentionsOf: number | undefined;
  /** Whether the search under way loads the filters (and so brings their counts). */
  #searchingWithFilters = false;

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

    const state = readState(new URLSearchParams(location.search));
    this.#show(state);

    this.#input.addEventListener('input', () => {
      void pagefind().catch(() => {});
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
  }

  #state(): SearchState {
    const filters: SearchState['filters'] = {};
    for (const [key, select] of this.#selects) if (select.value) filters[key] = select.value;
    return { q: this.#input.value, filters, sort: this.#sort.value as SortOrder };
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
    link.href = t.permalink;
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
        // The article's JSON document (article-json.ts, `/kb/<bucket>/<id>.json`) has what its result shows.
        const res = await fetch(`/kb/${t.bucket}/${t.id}.json`).catch(() => undefined);
        const doc = res?.ok ? ((await res.json()) as ArticleDoc) : undefined;
        return {
          url: t.permalink,
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
    const state = this.#state();
    history.replaceState(history.state, '', `${location.pathname}${stateSearch(state)}${location.hash}`);
    const q = state.q.trim();
    this.#searchingWithFilters = Boolean(q || hasFilters(state)) && (this.#filterPanel.open || hasFilters(state));
    const n = queryNumber(q);
    const lookup = n === undefined ? undefined : this.#lookupNumber(n);
    if (n === undefined) {
      this.#lookupFor = undefined;
      this.#lookup.hidden = true;
      this.#lookup.replaceChildren();
    }
    if (n !== this.#mentionsOf) this.#mentionsOf = undefined;
    this.#mentions.hidden = true;
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
        this.#searchingWithFilters = false;
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
    let response: PagefindResponse | null;
    let dropped: string[] = [];
    try {
      const pf = await pagefind();
      if (this.#searchingWithFilters) await this.#loadFilters();
      const options = pagefindOptions(state);
      response = await pf.search(q || null, options);
      if (response && response.results.length === 0 && seq === this.#seq) {
        const relaxed = await relax(pf, q, options);
        if (relaxed) ({ response, dropped } = relaxed);
      }
    } catch {
      if (seq === this.#seq) this.#count.textContent = 'Search is not available: its index could not be loaded.';
      return;
    }
    const pinned = await lookup;
    if (seq !== this.#seq || !response) return;
    this.#searchingWithFilters = false;
    this.#results = response.results;
    this.#taken = 0;
    this.#pinned = pinned;
    this.#countsComplete = this.#allFilters !== undefined;
    this.#updateFilterOptions(response.totalFilters);
    // The first page replaces the old results only once it is in: no flicker while typing.
    const page = await this.#nextPage();
    if (seq !== this.#seq || !page) return;
    this.#list.replaceChildren(...page.map(resultItem));
    this.#more.hidden = this.#taken >= this.#results.length;
    const count = Math.max(this.#results.length, pinned ? 1 : 0);
    const what = q ? ` for “${q}”` : '';
    const filtered = hasFilters(state) ? ' with the chosen filters' : '';
    const without = dropped.length ? `, without ${dropped.map((w) => `“${w}”`).join(' and ')} (no article has every word)` : '';
    this.#count.textContent =
      count === 0 ? `No results${what}${filtered}.` : `${count.toLocaleString('en-US')} ${count === 1 ? 'result' : 'results'}${what}${without}${filtered}.`;
  }

  /**
   * The next page of results as shown: the exact article of a number query first
   * on the first page, and left out of the later ones. Undefined when a newer
   * search started meanwhile, or the results could not be loaded.
   */
  async #nextPage(): Promise<Shown[] | undefined> {
    const seq = this.#seq;
    const first = this.#taken === 0;
    const batch = this.#results.slice(this.#taken, this.#taken + PAGE_SIZE);
    let shown: Shown[];
    try {
      shown = (await Promise.all(batch.map((r) => r.data()))).map((d) => {
        const id = d.meta.id ?? '';
        return {
          url: d.url,
          id,
          title: titleWithoutId(d.meta.title ?? '', id),
          product: d.meta.product ?? '',
          date: d.meta.date ?? '',
          excerpt: excerptParts(d.excerpt),
        };
      });
    } catch {
      if (seq === this.#seq) this.#count.textContent = 'Some results could not be loaded.';
      return undefined;
    }
    if (seq !== this.#seq) return undefined;
    this.#taken += batch.length;
    const pinned = this.#pinned;
    return first ? pinFirst(shown, pinned, samePage) : shown.filter((s) => !pinned || !samePage(s, pinned));
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

  /** Every filter's values, loaded once: when the filter panel opens, or the address names a filter. */
  #loadFilters(): Promise<PagefindFilterCounts | undefined> {
    this.#filtersLoad ??= pagefind()
      .then((pf) => pf.filters())
      .then(
        (all) => (this.#allFilters = all),
        () => {
          this.#filtersLoad = undefined;
          return undefined;
        },
      );
    return this.#filtersLoad;
  }

  /** The filter panel opened: its values, and the counts for the current search. */
  async #openFilters() {
    const all = await this.#loadFilters();
    if (!all) return;
    const state = this.#state();
    if (!state.q.trim() && !hasFilters(state)) this.#updateFilterOptions(all);
    else if (!this.#countsComplete && !this.#searchingWithFilters) void this.#run();
  }

  /** Lists each filter's values that occur in the current results, with their counts; keeps the chosen one. */
  #updateFilterOptions(counts: PagefindFilterCounts) {
    if (!this.#allFilters) return;
    for (const [key, select] of this.#selects) {
      const chosen = select.value;
      const values = Object.entries(counts[key] ?? {}).filter(([v, c]) => c > 0 || v === chosen);
      if (chosen && !values.some(([v]) => v === chosen)) values.push([chosen, 0]);
      values.sort(([a], [b]) => (key === 'year' ? b.localeCompare(a) : a.localeCompare(b)));
      const any = new Option('Any', '');
      select.replaceChildren(any, ...values.map(([v, c]) => new Option(`${v} (${c.toLocaleString('en-US')})`, v)));
      select.value = chosen;
    }
  }
}

customElements.define('kb-search', KbSearch);
