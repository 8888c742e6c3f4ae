/**
 * An Astro integration that writes what is not a page: per-article JSON,
 * short-link pages (`/Q192493/`), `_redirects` and number-lookup lists. The
 * work runs in a worker thread from the moment the build's config is known, in
 * parallel with the content sync and page rendering on the main thread.
 *
 * The output folder is not emptied between builds (`emptyOutDir: false`), so
 * a second build leaves unchanged files alone. New and changed files wait in a
 * staging folder and move into place only when the build succeeds (staging.ts);
 * then what the build no longer produces is removed (prune.ts).
 *
 * The dev server writes none of this; it serves the last build's search index,
 * so the search page works there once the site has been built.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import sirv from 'sirv';
import { formatIssue } from '../../lib/kb/errors.ts';
import { report } from '../build-profile.ts';
import { createRoutes } from '../../lib/routes.ts';
import type { ResolvedConfig } from '../kb-archive/config.ts';
import { collectGarbage, PEAKING } from './collect-garbage.ts';
import { MANIFEST_FILE, writeManifest } from './manifest.ts';
import { prune, takePublished, type Published } from './prune.ts';
import { openBodies, type BodyStore } from './parsed-bodies.ts';
import { openFeed } from './parsed-feed.ts';
import { moveStaged } from './staging.ts';
import type { WorkerInput, WorkerResult } from './worker.ts';
import type { SearchIndexResult } from './search-index.ts';

/** Where Astro writes a page, from its pathname: `kb/192/Q192493/` -> `kb/192/Q192493/index.html`. */
const pageFile = (pathname: string) =>
  pathname === '' || pathname.endsWith('/') ? `${pathname}index.html` : `${pathname}.html`;

/** The worker thread's name, as /proc shows it. */
export const WORKER_NAME = 'kb-files';

export default function articleFiles(config: ResolvedConfig): AstroIntegration {
  let command = '';
  let worker: Worker | undefined;
  let pending: Promise<WorkerResult> | undefined;
  let settled = false;
  let stagingDir = '';
  let manifestFile = '';
  let publishedFile = '';
  let published: Published = { kind: 'unknown' };
  let outDir = '';
  let base = '/';
  let feed: ReturnType<typeof openFeed> | undefined;
  let bodies: BodyStore | undefined;
  return {
    name: 'kb-article-files',
    hooks: {
      'astro:config:setup': ({ command: c, updateConfig }) => {
        command = c;
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config: astro }) => {
        outDir = fileURLToPath(astro.outDir);
        base = astro.base;
        if (command !== 'build') return;
        // Beside Astro's own caches; left over only by a build that failed, and cleared here.
        stagingDir = path.join(fileURLToPath(astro.cacheDir), 'kb-staged');
        manifestFile = path.join(fileURLToPath(astro.cacheDir), MANIFEST_FILE);
        publishedFile = path.join(fileURLToPath(astro.cacheDir), 'kb-published.txt');
        rmSync(stagingDir, { recursive: true, force: true });
        // Before any page is written: what the last build published, for pruning at the end.
        published = takePublished(outDir, publishedFile);
        feed = openFeed();
        // The bodies the loader parses, for the article pages.
        bodies = openBodies(path.join(fileURLToPath(astro.cacheDir), 'kb-bodies.json'));
        // Named, so a profile of the process (/proc, `npm run bench`) tells this thread apart.
        const w = new Worker(new URL('./worker.ts', import.meta.url), {
          name: WORKER_NAME,
          transferList: [feed.port],
          workerData: {
            feed: feed.port,
            config,
            base: astro.base,
            outDir,
            stagingDir,
            manifestFile,
            searchBaseFile: path.join(fileURLToPath(astro.cacheDir), 'kb-search-base.json'),
            searchIndex: process.env.KB_SEARCH_INDEX !== '0',
            keepGoing: process.env.KB_KEEP_GOING === '1',
          } satisfies WorkerInput,
        });
        // Unreferenced: a build that fails early must not wait for it.
        w.unref();
        worker = w;
        pending = new Promise((resolve, reject) => {
          w.on('message', (m: WorkerResult | typeof PEAKING) => {
            // Pages are still being rendered then, as a rule: their garbage need not wait for the next collection.
            if (m === PEAKING) collectGarbage();
            else resolve(m);
          });
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`article-files worker exited with ${code}`)));
        });
        // Rejections are reported at build:done; an unhandled one would end the process first.
        const settle = () => void (settled = true);
        pending.then(settle, settle);
      },
      // Content sync is over: whatever the loader did not send, the worker reads itself.
      'astro:build:start': () => {
        feed?.end();
        feed = undefined;
      },
      'astro:server:setup': ({ server }) => {
        const bundle = createRoutes(base).pagefind('');
        const files = sirv(path.join(outDir, 'pagefind'), { dev: true });
        server.middlewares.use((req, res, next) => {
          if (!req.url?.startsWith(bundle)) return next();
          req.url = `/${req.url.slice(bundle.length)}`;
          files(req, res, () => {
            res.statusCode = 404;
            res.end(`No search index in ${path.relative(process.cwd(), outDir) || outDir}/pagefind: the dev server searches the last build's index; run \`npm run build\` once.`);
          });
        });
      },
      'astro:build:done': async ({ pages, logger }) => {
        if (!pending || !worker) return;
        worker.ref();
        // The pages are done and their garbage is not needed: while the worker indexes (Pagefind peaks then), this thread only waits.
        if (!settled) collectGarbage();
        const result = await pending.finally(() => bodies?.close());
        moveStaged(stagingDir, outDir);
        const keep = new Set([...result.files, ...pages.map((p) => pageFile(p.pathname))]);
        const removed = prune(outDir, keep, published, publishedFile);
        const where = path.relative(process.cwd(), outDir) || '.';
        if (result.reused) {
          logger.info(`${result.articles} JSON documents and short links: no article changed, all ${result.files.length} files kept (${result.seconds.toFixed(1)} s) in ${where}`);
        } else {
          logger.info(`${result.articles} JSON documents and short links, ${result.read} articles read (${result.fromLoader} parsed by the loader, ${bodies?.taken ?? 0} bodies taken by their pages), in ${result.seconds.toFixed(1)} s (${result.staged.length} files written, ${removed} stale removed) in ${where}`);
        }
        // Only now are this build's files all in place: the next build may keep them.
        if (result.manifest) {
          const { articles, files, search, fallbacks } = result;
          writeManifest(manifestFile, { ...result.manifest, result: { articles, files, ...(search ? { search } : {}), fallbacks } });
        }
        // A fallback keeps the page, but never silently.
        for (const f of result.fallbacks) logger.warn(formatIssue(f));
        const s = result.search;
        report(logger, 'worker', result.profile);
        if (s) logger.info(`search index: ${s.articles} articles in ${s.records} records, ${indexNews(s)}`);
        else logger.warn('search index: not built (KB_SEARCH_INDEX=0)');
      },
    },
  };
}

/** How the search index came about: kept, built whole, or a delta beside its base (src/lib/search/delta.ts). */
function indexNews(s: SearchIndexResult): string {
  if (!s.rebuilt) return 'unchanged, kept';
  if (s.delta) return `${s.delta.articles} changed or added indexed beside the base (${s.delta.hidden} base articles hidden) in ${s.seconds.toFixed(1)} s`;
  return `built in ${s.seconds.toFixed(1)} s`;
}
