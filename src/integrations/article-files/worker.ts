/**
 * Runs in a worker thread while Astro renders pages on the main thread (the
 * machine has two cores): takes the articles the loader parsed, bodies and all
 * (parsed-feed.ts), reads and parses the others, and writes what is not an
 * Astro page straight into the output folder: each article's JSON document,
 * its short-link page, the redirect rules and the per-bucket number lists, and
 * the Pagefind search index, staged until the build succeeds.
 * An article whose file is unchanged since the last build is not read: the
 * manifest (manifest.ts) keeps what its files and its search entry need.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parseBody } from '../../lib/kb/body.ts';
import type { KbIssue } from '../../lib/kb/errors.ts';
import { productCatalog } from '../../lib/kb/products.ts';
import { scanArticleDir, type ScannedArticle } from '../../lib/kb/scan.ts';
import type { ParsedArticle } from '../../lib/kb/article.ts';
import { articleDocument } from '../../lib/output/article-json.ts';
import { bodyText, searchFacets } from '../../lib/output/search-record.ts';
import { redirectRules, shortLinkPage } from '../../lib/output/short-link.ts';
import type { OutputSite } from '../../lib/output/site.ts';
import { createRoutes, outputFileOf, sitePaths } from '../../lib/routes.ts';
import { cpuMark, cpuSince, type PhaseCpu } from '../../lib/profile.ts';
import type { ResolvedConfig } from '../kb-archive/config.ts';
import { TABLE_FILE } from '../../lib/search/table.ts';
import { contentStamps, manifestKey, outputsCurrent, readManifest, unchangedArticles, type ContentStamps, type KeptArticle } from './manifest.ts';
import { PEAKING } from './collect-garbage.ts';
import { FeedReceiver } from './parsed-feed.ts';
import { SearchIndexBuilder, type SearchEntry, type SearchIndexResult } from './search-index.ts';

export interface WorkerInput {
  config: ResolvedConfig;
  /** The articles the loader parses (parsed-feed.ts): those are not read again here. */
  feed?: MessagePort;
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
  /** Articles read and parsed by this build; the others were unchanged since the last (manifest.ts). */
  read?: number;
  /** How many of those the loader had parsed (parsed-feed.ts); the others were read here. */
  fromLoader?: number;
  /** True when nothing changed since the last build, whose files were all kept: no article was read. */
  reused?: boolean;
  /** For the manifest the build writes once it has succeeded; absent when unchanged. */
  manifest?: { key: string; stamps: ContentStamps; articles: Record<string, KeptArticle> };
  /** This thread's CPU by phase (the build profile). */
  profile: Record<string, PhaseCpu>;
}

const { config, feed, base, outDir, stagingDir, manifestFile, searchBaseFile, searchIndex, keepGoing } = workerData as WorkerInput;
const site: OutputSite = { origin: config.site, title: config.title, routes: createRoutes(base), productsOf: productCatalog(config.productTable) };
const startMark = cpuMark();
const files: string[] = [];
const staged: string[] = [];
const dirs = new Set<string>();
// Every build writes the bucket list: an output folder without it has none of these files to compare with.
const compareExisting = existsSync(path.join(outDir, outputFileOf(sitePaths.bucketList())));

/**
 * Writes are made as the scan goes (so disk work overlaps the main thread's), but
 * into the staging folder: a strict build that fails publishes nothing.
 * A file whose content is already in the output folder is not written again.
 */
function write(sitePath: string, text: string) {
  const rel = outputFileOf(sitePath);
  files.push(rel);
  try {
    if (compareExisting && readFileSync(path.join(outDir, rel), 'utf8') === text) return;
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
const stamps = contentStamps(config.contentDir);
/** The content folder's article files, as the stamps list them: scans need not list it again. */
const listed = stamps.map(([file]) => file);
const last = readManifest(manifestFile);
if (outputsCurrent(last, key, stamps, outDir, searchIndex ? [`pagefind/${TABLE_FILE}`] : [])) {
  feed?.close();
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
  // Articles whose file is unchanged since the last build keep their files, unread.
  await buildAll(unchangedArticles(last, key, stamps, outDir, articleFiles));
}

/** The files an article has besides its page. */
function articleFiles(id: string): string[] {
  return [outputFileOf(sitePaths.articleJson(id)), outputFileOf(sitePaths.shortLink(id))];
}

/** An article read in this build: its search entry, from the same parse as its files. */
function searchEntry(scanned: ScannedArticle): { article: ParsedArticle; entry: SearchEntry; fallback?: string; text: string } {
  const { fields, bodyLines } = scanned;
  // The loader's articles come with their bodies parsed.
  const { blocks, fallback } = scanned.body ?? parseBody(bodyLines);
  const article = { ...fields, blocks };
  const text = bodyText(article.blocks);
  const entry = { ...article, body: text, facets: searchFacets(article, site.productsOf) };
  return { article, entry, text, ...(fallback && { fallback }) };
}

async function buildAll(unchanged: ReadonlyMap<string, KeptArticle>): Promise<void> {
  const search = new SearchIndexBuilder();
  const redirects = new Map<string, string[]>();
  const buckets = new Map<string, number[]>();
  const fallbacks: KbIssue[] = [];
  const kept: Record<string, KeptArticle> = {};
  const addToBucket = (bucket: string, number: number) => {
    let ids = buckets.get(bucket);
    if (!ids) buckets.set(bucket, (ids = []));
    ids.push(number);
  };
  for (const [file, k] of unchanged) {
    files.push(...articleFiles(k.id));
    redirects.set(file, redirectRules(k.id, site.routes));
    if (k.fallback) fallbacks.push({ file: path.relative(process.cwd(), file) || file, ...k.fallback });
    if (searchIndex && k.search) search.keep({ number: k.number, bucket: k.bucket, ...k.search, file });
    addToBucket(k.bucket, k.number);
    kept[file] = k;
  }
  // The scan has each good article's fields, and mostly its body, parsed by the loader; other bodies are parsed here.
  const parsed = feed && new FeedReceiver(feed);
  const { count, issues } = await scanArticleDir(
    config.contentDir,
    (scanned) => {
      const { article, entry, text, fallback } = searchEntry(scanned);
      const { shown, bodyLine, fields } = scanned;
      if (fallback) fallbacks.push({ file: shown, line: bodyLine, reason: fallback });
      const doc = articleDocument(article, site, text, scanned.body?.summary);
      write(sitePaths.articleJson(article.id), JSON.stringify(doc));
      write(sitePaths.shortLink(article.id), shortLinkPage({ ...article, summary: doc.summary }, site));
      redirects.set(fields.file, redirectRules(article.id, site.routes));
      const hash = searchIndex ? search.add(entry) : undefined;
      addToBucket(article.bucket, article.number);
      kept[fields.file] = {
        id: article.id,
        number: article.number,
        bucket: article.bucket,
        ...(hash && { search: { hash, facets: entry.facets } }),
        ...(fallback && { fallback: { line: bodyLine, reason: fallback } }),
      };
    },
    { unchanged: (file) => unchanged.get(file)?.id, files: listed, ...(parsed && { parsed }) },
  );
  if (issues.length > 0 && !keepGoing) {
    // A strict build fails in the loader with the full list; it must not publish a partial site.
    parentPort!.postMessage({ articles: count, files: [], staged: [], seconds: 0, badArticles: issues.length, fallbacks, profile: { articles: cpuSince(startMark) } } satisfies WorkerResult);
  } else {
    // Number lookups (the 404 page) fetch one bucket's numbers, and the bucket list for the nearest ones.
    for (const [bucket, ids] of buckets) write(sitePaths.bucketNumbers(bucket), JSON.stringify(ids.sort((a, b) => a - b)));
    write(sitePaths.bucketList(), JSON.stringify([...buckets.keys()].sort()));
    // In file order, whichever articles were read.
    const rules = stamps.flatMap(([file]) => redirects.get(file) ?? []);
    write(sitePaths.file('_redirects'), `${rules.join('\n')}\n`);
    const articlesDone = cpuMark();
    const profile: Record<string, PhaseCpu> = { articles: cpuSince(startMark, articlesDone) };
    const seconds = profile.articles!.wall;
    const searchResult = searchIndex ? await search.write(outDir, stagingDir, searchBaseFile, reread, () => parentPort!.postMessage(PEAKING)) : undefined;
    if (searchIndex) profile['search index'] = cpuSince(articlesDone);
    parentPort!.postMessage({
      articles: count,
      read: count - unchanged.size,
      fromLoader: parsed?.taken ?? 0,
      files,
      staged,
      seconds,
      search: searchResult,
      fallbacks,
      ...(key ? { manifest: { key, stamps, articles: kept } } : {}),
      profile,
    } satisfies WorkerResult);
  }
}

/** The search entries of kept articles, read and parsed again: for a delta or a new base (search-index.ts). */
async function reread(wanted: ReadonlySet<string>): Promise<SearchEntry[]> {
  const entries: SearchEntry[] = [];
  await scanArticleDir(config.contentDir, (scanned) => void entries.push(searchEntry(scanned).entry), {
    unchanged: (file) => (wanted.has(file) ? undefined : file),
    files: listed,
  });
  return entries;
}
