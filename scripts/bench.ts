/**
 * npm run bench -- <articles dir> [--limit N] [--cold-only] [--site-only | --complete-only] [--no-probe]
 *
 * Builds the site from that folder from scratch (no dist/, .astro/, Astro or
 * Vite caches, an empty Node compile cache), then four second builds: with
 * nothing changed, after one article's title and body are edited, after one
 * is added in a new bucket and after one is deleted (secondBuilds). It prints
 * articles, pages, seconds, pages per second, peak RSS, output bytes and each
 * build's CPU profile, ending with `bench: {json}`. It does so twice: for the site
 * alone (pages, short links, JSON documents: KB_SEARCH_INDEX=0), then for the
 * complete build with the search index, whose first search it probes in
 * Chromium. `--site-only` and `--complete-only` measure one of them.
 * `--limit N` builds the first N articles (by path), for measuring growth.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bucketOf, idFromPath, idToNumber } from '../src/lib/kb/id.ts';
import { listArticleFiles } from '../src/lib/kb/scan.ts';
import { outputFileOf, sitePaths } from '../src/lib/routes.ts';
import { TABLE_FILE, type SearchTable } from '../src/lib/search/table.ts';
import { EDIT_MARK, editArticle, renumberArticle, replaceFile } from './lib/bench-changes.ts';
import { formatProfile, parseProfiles } from './lib/build-profile.ts';
import { runMeasured, type RunResult } from './lib/proc.ts';
import { formatProbe, indexSecondsIn, parseQueries, probeSearch, type SearchProbeResult } from './lib/search-probe.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: 'string' },
    'cold-only': { type: 'boolean', default: false },
    'site-only': { type: 'boolean', default: false },
    'complete-only': { type: 'boolean', default: false },
    // The search probe needs Chromium; --no-probe skips it.
    probe: { type: 'boolean', default: true },
    queries: { type: 'string', default: 'tests/fixtures/relevance/archive.json' },
  },
  allowNegative: true,
});
const root = path.resolve(import.meta.dirname, '..');
const source = path.resolve(positionals[0] ?? 'content');

/**
 * A folder of hard links to the articles (the first N with --limit), so the
 * source is never copied, nor changed by the second-build phases, which
 * replace a link rather than write through it (bench-changes.ts). The build
 * reads them as the regular files they are, as Hugo's copy is: symbolic links
 * had every read and listing resolve them, about 6 s more CPU in builds of
 * 20,000 articles (53.4-61.0 s against 48.8-53.9 s), which no real content
 * folder costs.
 * Copies where the source is on another filesystem.
 */
async function articlesDir(): Promise<{ dir: string; articles: number }> {
  const files = listArticleFiles(source);
  const picked = values.limit ? files.slice(0, Number(values.limit)) : files;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-bench-'));
  for (const f of picked) {
    const to = path.join(dir, path.relative(source, f));
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      linkSync(f, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      copyFileSync(f, to);
    }
  }
  return { dir, articles: picked.length };
}

interface OutputStats {
  /** Pages Astro rendered (short-link pages are counted apart). */
  pages: number;
  shortLinks: number;
  jsonDocuments: number;
  bytes: number;
  /** Size of the search bundle (`pagefind/`). */
  searchBytes: number;
  largestPage: { bytes: number; path: string };
  largestListing: { bytes: number; path: string };
}

async function outputStats(dir: string): Promise<OutputStats> {
  const s: OutputStats = { pages: 0, shortLinks: 0, jsonDocuments: 0, bytes: 0, searchBytes: 0, largestPage: { bytes: 0, path: '' }, largestListing: { bytes: 0, path: '' } };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, file);
    const size = (await stat(file)).size;
    s.bytes += size;
    if (rel.startsWith(`pagefind${path.sep}`)) s.searchBytes += size;
    else if (/^Q\d+[\\/]index\.html$/.test(rel)) s.shortLinks++;
    else if (/^kb[\\/]\d{3}[\\/]Q\d+\.json$/.test(rel)) s.jsonDocuments++;
    else if (entry.name.endsWith('.html')) {
      s.pages++;
      if (size > s.largestPage.bytes) s.largestPage = { bytes: size, path: rel };
      const isArticle = /^kb[\\/]\d{3}[\\/]Q\d+[\\/]/.test(rel);
      if (!isArticle && size > s.largestListing.bytes) s.largestListing = { bytes: size, path: rel };
    }
  }
  return s;
}

/**
 * The previous outputs are moved aside, not deleted, before a cold build, and
 * deleted after the measurements. ext4 without a journal (this machine's disk)
 * passes over recently freed inodes when it allocates new ones: deleting the last
 * build's 400,000 files just before building made each file creation up to ten
 * times slower, and the cold build 85-143 s instead of 80 s.
 */
const trash = path.join(root, 'node_modules', '.kb-bench-trash');
function moveAside(from: string) {
  if (!existsSync(from)) return;
  mkdirSync(trash, { recursive: true });
  try {
    renameSync(from, path.join(trash, `${path.basename(from)}-${Date.now()}`));
  } catch {
    rmSync(from, { recursive: true, force: true }); // another filesystem: delete it now
  }
}

async function build(label: string, dir: string, cold: boolean, searchIndex: boolean): Promise<RunResult & { log: string }> {
  if (cold) {
    const caches = ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite'].map((p) => path.join(root, p));
    if (process.env.KB_CACHE_DIR) caches.push(path.resolve(process.env.KB_CACHE_DIR));
    caches.forEach(moveAside);
  }
  // Astro's launcher turns Node's compile cache on; a cold build starts from an empty one, deleted after.
  const compileCache = cold ? mkdtempSync(path.join(os.tmpdir(), 'kb-bench-ncc-')) : undefined;
  const env = {
    ...process.env,
    KB_SEARCH_INDEX: searchIndex ? '1' : '0',
    KB_CONTENT_DIR: dir,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(compileCache ? { NODE_COMPILE_CACHE: compileCache } : {}),
  };
  const log = path.join(os.tmpdir(), `kb-bench-${label}.log`);
  const result = await runMeasured(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], env, log).finally(() => compileCache && rmSync(compileCache, { recursive: true, force: true }));
  if (result.code !== 0) {
    console.error(`bench: the ${label} build failed (exit ${result.code}); see ${log}`);
    process.exit(1);
  }
  console.log(`${label}: ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMb} MB (log: ${log})`);
  for (const row of formatProfile(parseProfiles(await readFile(log, 'utf8')), result.cpu)) console.log(`  ${row}`);
  return { ...result, log };
}

interface PhaseFigures {
  seconds: number;
  /** Against the same sitting's cold build. */
  ratio: number;
  rss_mb: number;
}

/**
 * Second builds after the cold one, each after one change to the articles:
 * `noop` (none), `edit` (one article's title and body), `add` (an article in a
 * bucket the archive does not have), `delete` (one article). Each checks that
 * the built site shows its change, so a fast build that missed it fails here.
 */
async function secondBuilds(kind: string, dir: string, searchIndex: boolean, coldSeconds: number): Promise<Record<string, PhaseFigures>> {
  const files = listArticleFiles(dir);
  const edited = files[Math.floor(files.length / 2)]!;
  const deleted = files[Math.floor(files.length / 2) + 1]!;
  const editedId = idFromPath(edited)!;
  const deletedId = idFromPath(deleted)!;
  const addedId = 'Q999001';
  const added = path.join(dir, bucketOf(idToNumber(addedId)!), `${addedId}.md`);
  const dist = (sitePath: string) => path.join(root, 'dist', outputFileOf(sitePath));
  const readText = (file: string) => readFileSync(file, 'utf8');
  const showsEdit = (text: string) => text.includes('(edited)') && text.includes(EDIT_MARK);
  const numbersOf = (id: string): number[] => JSON.parse(readText(dist(sitePaths.bucketNumbers(bucketOf(idToNumber(id)!)))));
  // A delta index names what it changed (src/lib/search/delta.ts); without one, the index was built whole from the articles as they are.
  const table = (): SearchTable => JSON.parse(readText(path.join(root, 'dist/pagefind', TABLE_FILE)));
  const inDelta = (id: string) => !searchIndex || !table().delta || table().delta!.numbers.includes(idToNumber(id)!);
  const wrongOf = (checks: [ok: boolean, wrong: string][]) => checks.find(([ok]) => !ok)?.[1];
  const changes: [string, () => void, () => string | undefined][] = [
    ['noop', () => {}, () => undefined],
    [
      'edit',
      () => replaceFile(edited, editArticle(readText(edited), editedId)),
      () =>
        wrongOf([
          [showsEdit(readText(dist(sitePaths.article(editedId)))), `${editedId}'s page does not show the edit`],
          [showsEdit(readText(dist(sitePaths.articleJson(editedId)))), `${editedId}'s JSON document does not show the edit`],
          [readText(dist(sitePaths.shortLink(editedId))).includes('(edited)'), `${editedId}'s short link does not show the new title`],
          [inDelta(editedId), `the search index does not have ${editedId} as edited`],
        ]),
    ],
    [
      'add',
      () => replaceFile(added, renumberArticle(readText(edited), editedId, addedId)),
      () =>
        wrongOf([
          [existsSync(dist(sitePaths.article(addedId))), `${addedId}'s page was not built`],
          [existsSync(dist(sitePaths.articleJson(addedId))), `${addedId}'s JSON document was not written`],
          [readText(dist(sitePaths.bucket(bucketOf(idToNumber(addedId)!)))).includes(`>${addedId}<`), `${addedId} is not listed in its bucket`],
          [numbersOf(addedId).includes(idToNumber(addedId)!), `${addedId} is not in its bucket's numbers`],
          [inDelta(addedId), `the search index does not have ${addedId}`],
        ]),
    ],
    [
      'delete',
      () => rmSync(deleted),
      () =>
        wrongOf([
          [!existsSync(dist(sitePaths.article(deletedId))), `${deletedId}'s page is still there`],
          [!existsSync(dist(sitePaths.articleJson(deletedId))), `${deletedId}'s JSON document is still there`],
          [!existsSync(dist(sitePaths.shortLink(deletedId))), `${deletedId}'s short link is still there`],
          [!numbersOf(deletedId).includes(idToNumber(deletedId)!), `${deletedId} is still in its bucket's numbers`],
        ]),
    ],
  ];
  const out: Record<string, PhaseFigures> = {};
  for (const [phase, change, check] of changes) {
    change();
    const run = await build(`${kind}-${phase}`, dir, false, searchIndex);
    const wrong = check();
    if (wrong) {
      console.error(`bench: after the ${phase} phase, ${wrong}`);
      process.exit(1);
    }
    out[phase] = { seconds: Number(run.seconds.toFixed(1)), ratio: Number((run.seconds / coldSeconds).toFixed(3)), rss_mb: run.peakRssMb };
  }
  return out;
}

/** Numbers rounded to whole milliseconds, the rest as it is. */
const roundAll = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v]));

/** A cold build of the site alone (`site`) or with the search index (`complete`), its second builds, and their figures. */
async function measure(kind: 'site' | 'complete', dir: string) {
  const searchIndex = kind === 'complete';
  const cold = await build(`${kind}-cold`, dir, true, searchIndex);
  const out = await outputStats(path.join(root, 'dist'));
  // The first-search transfer and relevance, in Chromium, against the cold build's output.
  let probe: SearchProbeResult | undefined;
  if (searchIndex && values.probe) {
    // The build leaves gigabytes of pages to write back; the probe times the browser, not that.
    spawnSync('sync');
    probe = await probeSearch(path.join(root, 'dist'), { queries: parseQueries(await readFile(path.resolve(root, values.queries), 'utf8')) });
    for (const line of formatProbe(probe)) console.log(line);
  }
  const phases = values['cold-only'] ? undefined : await secondBuilds(kind, dir, searchIndex, cold.seconds);
  const searchSeconds = searchIndex ? indexSecondsIn(await readFile(cold.log, 'utf8')) : undefined;
  const figures = {
    pages: out.pages,
    short_links: out.shortLinks,
    json_documents: out.jsonDocuments,
    seconds: Number(cold.seconds.toFixed(1)),
    pages_per_second: Math.round(out.pages / cold.seconds),
    rss_mb: cold.peakRssMb,
    largest_process_rss_mb: cold.peakProcess.rssMb,
    largest_process: cold.peakProcess.name,
    out_bytes: out.bytes,
    largest_page_bytes: out.largestPage.bytes,
    largest_page: out.largestPage.path,
    largest_listing_bytes: out.largestListing.bytes,
    largest_listing: out.largestListing.path,
    with_search_index: searchIndex,
    cpu_seconds: Object.fromEntries(Object.entries(cold.cpu).map(([role, c]) => [role, { user: Number(c.user.toFixed(1)), sys: Number(c.system.toFixed(1)) }])),
    ...(searchIndex ? { search_index_seconds: searchSeconds ?? null, search_index_bytes: out.searchBytes } : {}),
    ...(probe
      ? {
          first_search_bytes: probe.transfer.searchBytes,
          first_search_total_bytes: probe.transfer.totalBytes,
          first_search_ms: Math.round(probe.transfer.ms),
          first_search_runs_ms: probe.transfer.runsMs.map(Math.round),
          relevance_hits: probe.relevance?.hits ?? null,
          relevance_queries: probe.relevance?.total ?? null,
          relevance_by_kind: probe.relevance?.byKind ?? null,
          search_latency_ms: probe.relevance ? roundAll(probe.relevance.latency) : null,
          search_long_tasks: probe.relevance?.longTasks ?? null,
        }
      : {}),
    ...(phases ? { phases } : {}),
  };
  const what = searchIndex ? 'complete build (with the search index)' : 'site alone (no search index)';
  console.log(`${what}: ${figures.pages} pages, ${figures.short_links} short links, ${figures.json_documents} JSON documents`);
  console.log(`  cold build ${figures.seconds} s (${figures.pages_per_second} pages/s), peak RSS ${figures.rss_mb} MB (largest process: ${cold.peakProcess.name} ${cold.peakProcess.rssMb} MB), output ${(figures.out_bytes / 1e6).toFixed(1)} MB`);
  console.log(`  largest page ${out.largestPage.path} ${(out.largestPage.bytes / 1024).toFixed(0)} KB; largest listing ${out.largestListing.path} ${(out.largestListing.bytes / 1024).toFixed(0)} KB`);
  if (searchIndex) console.log(`  search index ${searchSeconds ?? '?'} s in the worker, ${(out.searchBytes / 1e6).toFixed(1)} MB`);
  for (const [phase, p] of Object.entries(phases ?? {})) console.log(`  second build, ${phase}: ${p.seconds} s = ${p.ratio} x cold, peak RSS ${p.rss_mb} MB`);
  return figures;
}

const { dir, articles } = await articlesDir();
console.log(`bench: ${articles} articles from ${source}`);
process.chdir(root);
// By default both: the site alone, then the complete build. KB_SEARCH_INDEX=0 means --site-only.
const siteOnly = values['site-only'] || process.env.KB_SEARCH_INDEX === '0';
const site = values['complete-only'] ? undefined : await measure('site', dir);
const complete = siteOnly ? undefined : await measure('complete', dir);
rmSync(dir, { recursive: true, force: true });
rmSync(trash, { recursive: true, force: true });

// The site's figures at the top (or the complete build's, with --complete-only), the complete build's under `complete`.
const figures = { articles, ...(site ?? complete), ...(site && complete ? { complete } : {}) };
console.log(`bench: ${JSON.stringify(figures)}`);
