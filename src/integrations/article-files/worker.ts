/**
 * Runs in a worker thread while Astro renders pages on the main thread (the
 * machine has two cores): parses every article once more and writes what is
 * not an Astro page straight into the output folder: each article's JSON
 * document, its short-link page, the redirect rules and the per-bucket number
 * lists, and the Pagefind search index, staged until the build succeeds.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseBody } from '../../lib/kb/body.ts';
import type { KbIssue } from '../../lib/kb/errors.ts';
import { productCatalog } from '../../lib/kb/products.ts';
import { scanArticleDir } from '../../lib/kb/scan.ts';
import { articleDocument } from '../../lib/output/article-json.ts';
import { bodyText, searchFacets } from '../../lib/output/search-record.ts';
import { redirectRules, shortLinkPage } from '../../lib/output/short-link.ts';
import type { OutputSite } from '../../lib/output/site.ts';
import { createRoutes, outputFileOf, sitePaths } from '../../lib/routes.ts';
import { cpuMark, cpuSince, type PhaseCpu } from '../../lib/profile.ts';
import type { ResolvedConfig } from '../kb-archive/config.ts';
import { TABLE_FILE } from '../../lib/search/table.ts';
import { contentStamps, manifestKey, outputsCurrent, readManifest, type ContentStamps } from './manifest.ts';
import { SearchIndexBuilder, type SearchIndexResult } from './search-index.ts';

export interface WorkerInput {
  config: ResolvedConfig;
  /** Astro's `base`: the path the site is served under. */
  base: string;
  outDir: string;
  /** Where new and changed files wait until the build succeeds (moveStaged). */
  stagingDir: string;
  /** The last successful build's manifest (manifest.ts): outputs of unchanged input are kept. */
  manifestFile: string;
  /** What the last full search index was made of (search-base.ts): later builds index only what changed. */
  searchBaseFile: string;
  /** Build the search index (off with KB_SEARCH_INDEX=0, for quick local builds). */
  searchIndex: boolean;
  /** Publish the good articles' files even when some articles are bad (KB_KEEP_GOING=1). */
  keepGoing: boolean;
}
export interface WorkerResult {
  articles: number;
  /** Every file this build owns, relative to outDir, for pruning stale ones. */
  files: string[];
  /** The files that are new or changed, waiting in stagingDir. */
  staged: string[];
  seconds: number;
  search?: SearchIndexResult;
  /** Set when bad articles stop a strict build: then nothing was written. */
  badArticles?: number;
  /** Articles whose body the parser failed on, shown as plain text (parseBody): reported, never silent. */
  fallbacks: KbIssue[];
  /** True when nothing changed since the last build, whose files were all kept: no article was read. */
  reused?: boolean;
  /** For the manifest the build writes once it has succeeded; absent when unchanged. */
  manifest?: { key: string; stamps: ContentStamps };
  /** This thread's CPU by phase (the build profile). */
  profile: Record<string, PhaseCpu>;
}

const { config, base, outDir, stagingDir, manifestFile, searchBaseFile, searchIndex, keepGoing } = workerData as WorkerInput;
const site: OutputSite = { origin: config.site, title: config.title, routes: createRoutes(base), productsOf: productCatalog(config.productTable) };
const startMark = cpuMark();
const files: string[] = [];
const staged: string[] = [];
const dirs = new Set<string>();

/**
 * Writes are made as the scan goes (so disk work overlaps the main thread's), but
 * into the staging folder: a strict build that fails publishes nothing.
 * A file whose content is already in the output folder is not written again.
 */
function write(sitePath: string, text: string) {
  const rel = outputFileOf(sitePath);
  files.push(rel);
  try {
    if (readFileSync(path.join(outDir, rel), 'utf8') === text) return;
  } catch {
    // Not there yet.
  }
  const file = path.join(stagingDir, rel);
  const dir = path.dirname(file);
  if (!dirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    dirs.add(dir);
  }
  writeFileSync(file, text);
  staged.push(rel);
}

// Nothing changed since the last build: its files are all there, and none is read or written.
const key = manifestKey({ config, base, searchIndex, keepGoing });
const stamps = await contentStamps(config.contentDir);
const last = readManifest(manifestFile);
if (outputsCurrent(last, key, stamps, outDir, searchIndex ? [`pagefind/${TABLE_FILE}`] : [])) {
  const { articles, files: kept, search, fallbacks } = last.result;
  const seconds = cpuSince(startMark).wall;
  parentPort!.postMessage({
    articles,
    files: kept,
    staged: [],
    seconds,
    ...(search ? { search: { ...search, rebuilt: false, seconds: 0 } } : {}),
    fallbacks,
    reused: true,
    profile: { 'kept all': cpuSince(startMark) },
  } satisfies WorkerResult);
} else {
  await buildAll();
}

async function buildAll(): Promise<void> {
  const search = new SearchIndexBuilder();
  const redirects: string[] = [];
  const buckets = new Map<string, number[]>();
  const fallbacks: KbIssue[] = [];
  // The scan has read each good article's fields already; only the body is parsed here.
  const { count, issues } = await scanArticleDir(config.contentDir, ({ fields, bodyLines, shown, bodyLine }) => {
    const { blocks, fallback } = parseBody(bodyLines);
    if (fallback) fallbacks.push({ file: shown, line: bodyLine, reason: fallback });
    const article = { ...fields, blocks };
    const text = bodyText(article.blocks);
    const doc = articleDocument(article, site, text);
    write(sitePaths.articleJson(article.id), JSON.stringify(doc));
    write(sitePaths.shortLink(article.id), shortLinkPage({ ...article, summary: doc.summary }, site));
    redirects.push(...redirectRules(article.id, site.routes));
    if (searchIndex) search.add({ ...article, body: text, facets: searchFacets(article, site.productsOf) });
    let ids = buckets.get(article.bucket);
    if (!ids) buckets.set(article.bucket, (ids = []));
    ids.push(article.number);
  });
  if (issues.length > 0 && !keepGoing) {
    // A strict build fails in the loader with the full list; it must not publish a partial site.
    parentPort!.postMessage({ articles: count, files: [], staged: [], seconds: 0, badArticles: issues.length, fallbacks, profile: { articles: cpuSince(startMark) } } satisfies WorkerResult);
  } else {
    // Number lookups (the 404 page) fetch one bucket's numbers, and the bucket list for the nearest ones.
    for (const [bucket, ids] of buckets) write(sitePaths.bucketNumbers(bucket), JSON.stringify(ids.sort((a, b) => a - b)));
    write(sitePaths.bucketList(), JSON.stringify([...buckets.keys()].sort()));
    write(sitePaths.file('_redirects'), `${redirects.join('\n')}\n`);
    const articlesDone = cpuMark();
    const profile: Record<string, PhaseCpu> = { articles: cpuSince(startMark, articlesDone) };
    const seconds = profile.articles!.wall;
    const searchResult = searchIndex ? await search.write(outDir, stagingDir, searchBaseFile) : undefined;
    if (searchIndex) profile['search index'] = cpuSince(articlesDone);
    parentPort!.postMessage({
      articles: count,
      files,
      staged,
      seconds,
      search: searchResult,
      fallbacks,
      ...(key ? { manifest: { key, stamps } } : {}),
      profile,
    } satisfies WorkerResult);
  }
}
