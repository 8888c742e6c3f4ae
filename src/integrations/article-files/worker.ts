/**
 * Runs in a worker thread while Astro renders pages on the main thread (the
 * machine has two cores): parses every article once more and writes the files
 * that are not Astro pages into a staging folder: each article's JSON document,
 * its short-link page, the redirect rules and the per-bucket id lists.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseArticle } from '../../lib/kb/article.ts';
import { KbParseError } from '../../lib/kb/errors.ts';
import { scanArticleDir } from '../../lib/kb/scan.ts';
import { articleDocument, articleJsonPath } from '../../lib/output/article-json.ts';
import { redirectRules, shortLinkPage } from '../../lib/output/short-link.ts';

export interface WorkerInput {
  contentDir: string;
  stagingDir: string;
  site: string;
}
export interface WorkerResult {
  articles: number;
  seconds: number;
}

const { contentDir, stagingDir, site } = workerData as WorkerInput;
const started = performance.now();
const write = (rel: string, text: string) => {
  const file = path.join(stagingDir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

const redirects: string[] = [];
const buckets = new Map<string, number[]>();
const { count } = await scanArticleDir(contentDir, ({ raw, shown }) => {
  let article;
  try {
    article = parseArticle(raw, shown);
  } catch (e) {
    // The loader reports bad articles and stops the build; nothing to add here.
    if (e instanceof KbParseError) return;
    throw e;
  }
  const doc = articleDocument(article, site);
  write(articleJsonPath(article), JSON.stringify(doc));
  write(`${article.id}/index.html`, shortLinkPage({ ...article, summary: doc.summary }, site));
  redirects.push(...redirectRules(article));
  let ids = buckets.get(article.bucket);
  if (!ids) buckets.set(article.bucket, (ids = []));
  ids.push(article.number);
});
// Number lookups (the 404 page) fetch one bucket's numbers, and the bucket list for the nearest ones.
for (const [bucket, ids] of buckets) write(`kb/${bucket}/numbers.json`, JSON.stringify(ids.sort((a, b) => a - b)));
write('kb/buckets.json', JSON.stringify([...buckets.keys()].sort()));
write('_redirects', `${redirects.join('\n')}\n`);
parentPort!.postMessage({ articles: count, seconds: (performance.now() - started) / 1000 } satisfies WorkerResult);
