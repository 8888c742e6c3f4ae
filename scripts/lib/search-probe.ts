/**
 * Measures search on a built site in Chromium, served as a static host serves
 * it (text gzip-encoded, scripts/lib/static-server.ts):
 *
 * - the bytes a browser transfers for a first search: a fresh browser context
 *   (empty cache) opens `/search/?q=<query>` and waits for the first page of
 *   results; every response is counted with its encoded (on-the-wire) body size,
 *   by kind, and the total is split into the page itself (its HTML and CSS) and
 *   the search (our search scripts, Pagefind's JS and WebAssembly, its metadata
 *   and index chunks, our search table, number lists and the results' JSON
 *   documents);
 * - relevance: each query is typed into the search page and the ids of the first
 *   three results are read; a query hits when its article is among them.
 *
 * `npm run bench` calls probeSearch(); the CLI prints the same figures:
 *
 *   node scripts/search-probe.ts <dist> [--queries tests/fixtures/relevance/archive.json] [--query "print spooler"]
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { WORDS_DIR } from '../../src/lib/search/spelling.ts';
import { FACETS_FILE, TABLE_FILE } from '../../src/lib/search/table.ts';
import { launchBrowser } from './chromium.ts';
import { serveStatic } from './static-server.ts';

export interface RelevanceQuery {
  q: string;
  /** The article id that must be in the top 3. */
  expect: string;
  kind?: string;
}

export type TransferKind =
  | 'page'
  | 'script'
  | 'pagefind-js'
  | 'wasm'
  | 'entry'
  | 'meta'
  | 'index'
  | 'table'
  | 'facets'
  | 'words'
  | 'filter'
  | 'fragment'
  | 'numbers'
  | 'document'
  | 'other';

export interface TransferFile {
  /** Path and query, without the origin. */
  url: string;
  kind: TransferKind;
  /** Response body as transferred (encoded), bytes. */
  bytes: number;
  /** Response headers, bytes. */
  headerBytes: number;
}

export interface TransferReport {
  query: string;
  /** Results the first page showed. */
  results: number;
  /** Everything the first search page load transferred: bodies, encoded. */
  totalBytes: number;
  /** The page's own HTML and CSS. */
  pageBytes: number;
  /** Everything else: what searching costs (the figure the 300 KB budget is about). */
  searchBytes: number;
  /** Response headers of all of them, apart. */
  headerBytes: number;
  byKind: Partial<Record<TransferKind, { files: number; bytes: number }>>;
  files: TransferFile[];
  /** From navigation to the first page of results shown: the median of the runs. */
  ms: number;
  /** Each run's time, ms: a new browser each, so every one starts from an empty cache. */
  runsMs: number[];
}

export interface RelevanceReport {
  total: number;
  /** Queries whose article was in the top 3. */
  hits: number;
  /** Per kind of query (`kind` in the file; `other` without), its hits and queries. */
  byKind: Record<string, { hits: number; total: number }>;
  misses: { q: string; expect: string; top: string[] }[];
  /** From the last keystroke of each query to its results shown, the page's typing delay included (ms). */
  latency: { median: number; p90: number; slowest: number; slowestQuery: string };
  /** The page's own measures of each search (search.ts): finding and ranking, then showing the first page. */
  steps: Record<string, { median: number; p90: number }>;
  /** Main-thread tasks of 50 ms or more while the queries ran (Chromium's long tasks). */
  longTasks: { count: number; over200: number; longest: number };
}

export interface SearchProbeOptions {
  /** The query for the transfer measurement; default `DEFAULT_QUERY`. */
  query?: string;
  /** Relevance queries to run; none by default. */
  queries?: readonly RelevanceQuery[];
  /** Per query, how long to wait for results (ms); default 60 s. */
  timeoutMs?: number;
}

export interface SearchProbeResult {
  transfer: TransferReport;
  relevance?: RelevanceReport;
}

/** A typical first search: a few words a reader would type. */
export const DEFAULT_QUERY = 'print spooler stops';

export function kindOf(url: string): TransferKind {
  const p = new URL(url, 'http://x').pathname;
  if (p.startsWith('/pagefind/')) {
    if (/\/pagefind(-worker)?\.js$/.test(p)) return 'pagefind-js';
    if (p.endsWith('.pagefind')) return 'wasm';
    if (p.endsWith('pagefind-entry.json')) return 'entry';
    if (p.endsWith('.pf_meta')) return 'meta';
    if (p.endsWith('.pf_index')) return 'index';
    if (p.endsWith('.pf_filter')) return 'filter';
    if (p.endsWith('.pf_fragment')) return 'fragment';
    if (p.endsWith(`/${TABLE_FILE}`)) return 'table';
    if (p.endsWith(`/${FACETS_FILE}`)) return 'facets';
    if (p.includes(`/${WORDS_DIR}/`)) return 'words';
    return 'other';
  }
  if (p.endsWith('.css') || p.endsWith('/') || p.endsWith('.html')) return 'page';
  if (p.endsWith('.js')) return 'script';
  if (p.endsWith('/numbers.json') || p.endsWith('/buckets.json')) return 'numbers';
  if (/^\/kb\/[^/]+\/[^/]+\.json$/.test(p)) return 'document';
  return 'other';
}

async function transferOf(req: Request, origin: string): Promise<TransferFile> {
  const res = await req.response();
  const sizes = await req.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
  // Chromium reports no body size for a worker's own script; the server always sends content-length.
  const length = Number((await res?.allHeaders())?.['content-length'] ?? 0);
  const url = req.url().startsWith(origin) ? req.url().slice(origin.length) : req.url();
  return { url, kind: kindOf(req.url()), bytes: sizes.responseBodySize || length, headerBytes: sizes.responseHeadersSize };
}

/** Resolves once the search page shows its result count for `q` (set after the first page of results is in). */
async function waitForResults(page: Page, q: string, timeoutMs: number): Promise<number> {
  await page.waitForFunction(
    (query) => {
      const count = document.querySelector('kb-search [data-count]')?.textContent ?? '';
      // A corrected query's count names the correction; the note names the query as typed.
      const note = document.querySelector<HTMLElement>('kb-search [data-correction]');
      const corrected = note && !note.hidden && note.textContent?.endsWith(`search instead for ${query}.`);
      return count.includes(`“${query}”`) || (count && corrected) || count.startsWith('Search is not available');
    },
    q.trim(),
    { timeout: timeoutMs },
  );
  return page.locator('kb-search .search-result').count();
}

async function measureTransfer(origin: string, query: string, timeoutMs: number): Promise<Omit<TransferReport, 'runsMs'>> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const pending: Promise<TransferFile>[] = [];
    context.on('requestfinished', (req) => pending.push(transferOf(req, origin)));
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
    const results = await waitForResults(page, query, timeoutMs);
    const ms = performance.now() - started;
    // Let the last responses finish and be counted.
    await page.waitForLoadState('networkidle').catch(() => {});
    const files = await Promise.all(pending);
    const byKind: TransferReport['byKind'] = {};
    for (const f of files) {
      const k = (byKind[f.kind] ??= { files: 0, bytes: 0 });
      k.files++;
      k.bytes += f.bytes;
    }
    const sum = (fs: TransferFile[]) => fs.reduce((n, f) => n + f.bytes, 0);
    const pageBytes = sum(files.filter((f) => f.kind === 'page'));
    const totalBytes = sum(files);
    return {
      query,
      results,
      totalBytes,
      pageBytes,
      searchBytes: totalBytes - pageBytes,
      headerBytes: files.reduce((n, f) => n + f.headerBytes, 0),
      byKind,
      files,
      ms,
    };
  } finally {
    await browser.close();
  }
}

/** Cold first searches measured; one alone is at the mercy of this shared machine. */
const FIRST_SEARCH_RUNS = 3;

/** The transfer of a first search (the same in every run), timed as the median of FIRST_SEARCH_RUNS. */
async function firstSearches(origin: string, query: string, timeoutMs: number): Promise<TransferReport> {
  const runs: Omit<TransferReport, 'runsMs'>[] = [];
  for (let i = 0; i < FIRST_SEARCH_RUNS; i++) runs.push(await measureTransfer(origin, query, timeoutMs));
  const runsMs = runs.map((r) => r.ms);
  return { ...runs[0]!, ms: quantile([...runsMs].sort((a, b) => a - b), 0.5), runsMs };
}

/** Keystrokes this far apart: faster than the page's typing delay, as a person types. */
const KEY_DELAY_MS = 40;

declare global {
  interface Window {
    /** When the last key went down and the result count last changed, and the long tasks seen (probe only). */
    kbProbe?: { keyAt: number; countAt: number; longTasks: number[] };
  }
}

/** The value at fraction `f` of ascending `sorted` (nearest rank). */
export function quantile(sorted: readonly number[], f: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(f * sorted.length) - 1))]!;
}

async function measureRelevance(origin: string, queries: readonly RelevanceQuery[], timeoutMs: number): Promise<RelevanceReport> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const probe = { keyAt: 0, countAt: 0, longTasks: [] as number[] };
      window.kbProbe = probe;
      document.addEventListener('keydown', () => (probe.keyAt = performance.now()), true);
      new PerformanceObserver((list) => list.getEntries().forEach((e) => probe.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
      document.addEventListener('DOMContentLoaded', () => {
        const count = document.querySelector('kb-search [data-count]');
        if (count) new MutationObserver(() => (probe.countAt = performance.now())).observe(count, { childList: true, characterData: true, subtree: true });
      });
    });
    await page.goto(`${origin}/search/`);
    const box = page.locator('kb-search input[name=q]');
    // The page loaded and its search code and index with it: the figures are for a loaded page.
    await box.pressSequentially(DEFAULT_QUERY, { delay: KEY_DELAY_MS });
    await waitForResults(page, DEFAULT_QUERY, timeoutMs);
    await page.evaluate(() => {
      window.kbProbe!.longTasks = [];
      performance.clearMeasures();
    });
    const misses: RelevanceReport['misses'] = [];
    const byKind: RelevanceReport['byKind'] = {};
    const times: { q: string; ms: number }[] = [];
    for (const { q, expect, kind = 'other' } of queries) {
      await box.fill('');
      await box.pressSequentially(q, { delay: KEY_DELAY_MS });
      await waitForResults(page, q, timeoutMs);
      const { keyAt, countAt } = await page.evaluate(() => window.kbProbe!);
      times.push({ q, ms: countAt - keyAt });
      const top = (await page.locator('kb-search .search-result-id').allTextContents()).slice(0, 3);
      const k = (byKind[kind] ??= { hits: 0, total: 0 });
      k.total++;
      if (top.includes(expect)) k.hits++;
      else misses.push({ q, expect, top });
    }
    const longTasks = await page.evaluate(() => window.kbProbe!.longTasks);
    const measures = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => [m.name, m.duration] as [string, number]));
    const steps: RelevanceReport['steps'] = {};
    for (const name of new Set(measures.map(([n]) => n).filter((n) => n.startsWith('kb-search: ')))) {
      const list = measures.filter(([n]) => n === name).map(([, d]) => d).sort((a, b) => a - b);
      steps[name.slice('kb-search: '.length)] = { median: quantile(list, 0.5), p90: quantile(list, 0.9) };
    }
    const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
    const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a), { q: '', ms: 0 });
    return {
      total: queries.length,
      hits: queries.length - misses.length,
      byKind,
      misses,
      latency: { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), slowest: slowest.ms, slowestQuery: slowest.q },
      steps,
      longTasks: { count: longTasks.length, over200: longTasks.filter((d) => d > 200).length, longest: Math.max(0, ...longTasks) },
    };
  } finally {
    await browser.close();
  }
}

/** Serves `distDir` (a built site), measures a first search's transfer and, given queries, hits@3. */
export async function probeSearch(distDir: string, options: SearchProbeOptions = {}): Promise<SearchProbeResult> {
  const { query = DEFAULT_QUERY, queries, timeoutMs = 60_000 } = options;
  const server = await serveStatic(distDir, { compress: true });
  try {
    const transfer = await firstSearches(server.origin, query, timeoutMs);
    const relevance = queries?.length ? await measureRelevance(server.origin, queries, timeoutMs) : undefined;
    return { transfer, relevance };
  } finally {
    await server.close();
  }
}

/** A relevance file: `{ "queries": [{ "q": ..., "expect": "Q192493" }] }` or a bare array. */
export function parseQueries(json: string): RelevanceQuery[] {
  const data = JSON.parse(json) as unknown;
  const list = Array.isArray(data) ? data : (data as { queries?: unknown }).queries;
  if (!Array.isArray(list)) throw new Error('expected an array of queries, or { "queries": [...] }');
  return list.map((x, i) => {
    const { q, expect } = x as Partial<RelevanceQuery>;
    if (typeof q !== 'string' || typeof expect !== 'string') throw new Error(`query ${i}: needs "q" and "expect" strings`);
    return x as RelevanceQuery;
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The report as lines of text, for the CLI and the bench. */
export function formatProbe(r: SearchProbeResult): string[] {
  const t = r.transfer;
  const lines = [
    `first search "${t.query}": ${t.results} result${t.results === 1 ? '' : 's'} shown in ${(t.ms / 1000).toFixed(2)} s (median of ${t.runsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s, each from an empty cache)`,
    `  transferred ${kb(t.totalBytes)} (page ${kb(t.pageBytes)}, search ${kb(t.searchBytes)}; headers ${kb(t.headerBytes)} more)`,
    ...Object.entries(t.byKind)
      .sort(([, a], [, b]) => b.bytes - a.bytes)
      .map(([k, v]) => `  ${k.padEnd(12)}${kb(v.bytes).padStart(10)} in ${v.files} file${v.files === 1 ? '' : 's'}`),
  ];
  if (r.relevance) {
    const v = r.relevance;
    lines.push(`relevance: ${v.hits}/${v.total} queries have their article in the top 3`);
    for (const [kind, k] of Object.entries(v.byKind)) lines.push(`  ${kind}: ${k.hits}/${k.total}`);
    const l = v.latency;
    lines.push(`typing to results: median ${Math.round(l.median)} ms, p90 ${Math.round(l.p90)} ms, slowest ${Math.round(l.slowest)} ms ("${l.slowestQuery}")`);
    for (const [step, t] of Object.entries(v.steps)) lines.push(`  ${step}: median ${Math.round(t.median)} ms, p90 ${Math.round(t.p90)} ms`);
    lines.push(`long tasks while searching: ${v.longTasks.count} of 50 ms or more, ${v.longTasks.over200} over 200 ms, longest ${Math.round(v.longTasks.longest)} ms`);
    for (const m of v.misses) lines.push(`  miss: "${m.q}" wants ${m.expect}, got ${m.top.join(', ') || 'nothing'}`);
  }
  return lines;
}

export interface IndexSize {
  /** Every file of `<dist>/pagefind`, bytes (not disk blocks). */
  bytes: number;
  files: number;
  /** Index chunks, result fragments, filter chunks, the metadata file, and the rest (scripts, WebAssembly). */
  parts: Record<'index' | 'fragment' | 'filter' | 'meta' | 'other', { files: number; bytes: number }>;
}

/** The size of the Pagefind bundle a build wrote. */
export function pagefindIndexSize(distDir: string): IndexSize {
  const root = path.join(distDir, 'pagefind');
  const parts: IndexSize['parts'] = {
    index: { files: 0, bytes: 0 },
    fragment: { files: 0, bytes: 0 },
    filter: { files: 0, bytes: 0 },
    meta: { files: 0, bytes: 0 },
    other: { files: 0, bytes: 0 },
  };
  for (const e of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const dir = path.relative(root, e.parentPath);
    const part = dir === 'index' || dir === 'fragment' || dir === 'filter' ? dir : e.name.endsWith('.pf_meta') ? 'meta' : 'other';
    parts[part].files++;
    parts[part].bytes += statSync(file).size;
  }
  const all = Object.values(parts);
  return { bytes: all.reduce((n, p) => n + p.bytes, 0), files: all.reduce((n, p) => n + p.files, 0), parts };
}

/** The indexing time the build logs (`search index: 57316 articles in 956 records, built in 91.8 s`), if it rebuilt the index. */
export function indexSecondsIn(buildOutput: string): number | undefined {
  const m = /search index: \d+ articles in \d+ records, built in ([\d.]+) s/.exec(buildOutput);
  return m ? Number(m[1]) : undefined;
}
