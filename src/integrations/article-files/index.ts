/**
 * An Astro integration that writes what is not a page: per-article JSON,
 * short-link pages (`/Q192493/`), `_redirects` and number-lookup lists. The
 * work runs in a worker thread from `astro:build:start`, in parallel with page
 * rendering, and lands in the output folder at `astro:build:done`.
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import type { WorkerInput, WorkerResult } from './worker.ts';

export default function articleFiles({ contentDir }: { contentDir: string }): AstroIntegration {
  let command = '';
  let worker: Worker | undefined;
  let pending: Promise<WorkerResult> | undefined;
  let stagingDir = '';
  return {
    name: 'kb-article-files',
    hooks: {
      'astro:config:setup': (options) => {
        command = options.command;
      },
      'astro:config:done': ({ config }) => {
        if (command !== 'build') return;
        stagingDir = path.join(fileURLToPath(config.cacheDir), 'kb-article-files');
        rmSync(stagingDir, { recursive: true, force: true });
        // Started as soon as the config is known, so it overlaps the content sync and all page rendering.
        worker = new Worker(new URL('./worker.ts', import.meta.url), {
          workerData: { contentDir, stagingDir, site: config.site ?? 'http://localhost:4321' } satisfies WorkerInput,
        });
        // Unreferenced: a build that fails early must not wait for it.
        worker.unref();
        const w = worker;
        pending = new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`article-files worker exited with ${code}`)));
        });
        // Rejections are reported at build:done; an unhandled one would end the process first.
        pending.catch(() => {});
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!pending || !worker) return;
        worker.ref();
        const result = await pending;
        cpSync(stagingDir, fileURLToPath(dir), { recursive: true });
        logger.info(`${result.articles} JSON documents and short links, written in ${result.seconds.toFixed(1)} s beside the pages`);
      },
    },
  };
}
