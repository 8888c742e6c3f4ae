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
import { scanArticleDir } from '../../lib/kb/scan.ts';
import { articleDocument, articleJsonPath } from '../../lib/output/article-json.ts';
import { bodyText, searchFacets } from '../../lib/output/search-record.ts';
import { redirectRules, shortLinkPage } from '../../lib/output/short-link.ts';
import { SearchIndexBuilder, type SearchIndexResult } from './search-index.ts';

export interface WorkerInput {
  contentDir: string;
  outDir: string;
  /** Where new and changed files wait until the build succeeds (moveStaged). */
  stagingDir: string;
  site: string;
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
}

const { contentDir, outDir, stagingDir, site, searchIndex, keepGoing } = workerData as WorkerInput;
const started = performance.now();
const files: string[] = [];
const staged: string[] = [];
const dirs = new Set<string>();

/**
 * Writes are made as the scan goes (so disk work overlaps the main thread's), but
 * into the staging folder: a strict build that fails publishes nothing.
 * A file whose content is already in the output folder is not written again.
 */
function write(rel: string, text: string) {
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

const search = new SearchIndexBuilder();
const redirects: string[] = [];
const buckets = new Map<string, number[]>();
// The scan has read each good article's fields already; only the body is parsed here.
const { count, issues } = await scanArticleDir(contentDir, ({ fields, bodyLines }) => {
  const article = { ...fields, blocks: parseBody(bodyLines) };
  const text = bodyText(article.blocks);
  const doc = articleDocument(article, site, text);
  write(articleJsonPath(article).slice(1), JSON.stringify(doc));
  write(`${article.id}/index.html`, shortLinkPage({ ...article, summary: doc.summary }, site));
  redirects.push(...redirectRules(article));
  if (searchIndex) search.add({ ...article, body: text, facets: searchFacets(article) });
  let ids = buckets.get(article.bucket);
  if (!ids) buckets.set(article.bucket, (ids = []));
  ids.push(article.number);
});
if (issues.length > 0 && !keepGoing) {
  // A strict build fails in the loader with the full list; it must not publish a partial site.
  parentPort!.postMessage({ articles: count, files: [], staged: [], seconds: 0, badArticles: issues.length } satisfies WorkerResult);
} else {
  // Number lookups (the 404 page) fetch one bucket's numbers, and the bucket list for the nearest ones.
  for (const [bucket, ids] of buckets) write(`kb/${bucket}/numbers.json`, JSON.stringify(ids.sort((a, b) => a - b)));
  write('kb/buckets.json', JSON.stringify([...buckets.keys()].sort()));
  write('_redirects', `${redirects.join('\n')}\n`);
  const seconds = (performance.now() - started) / 1000;
  const searchResult = searchIndex ? await search.write(outDir, stagingDir) : undefined;
  parentPort!.postMessage({ articles: count, files, staged, seconds, search: searchResult } satisfies WorkerResult);
}
