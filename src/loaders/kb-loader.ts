/**
 * The content loader of the `kb` collection. Unlike Astro's glob loader it
 * keeps no body and no rendered HTML in the data store, only the fields that
 * pages and listings need: at 60k articles the store stays a few tens of MB.
 * Bodies are rendered when their page is built (src/markdown/render.ts).
 */
import { writeFileSync } from 'node:fs';
import type { Loader } from 'astro/loaders';
import { formatIssues, type KbIssue } from '../lib/kb/errors.ts';
import { scanArticleDir } from '../lib/kb/scan.ts';

export interface KbLoaderOptions {
  /** Absolute path of the folder that holds the article files. */
  dir: string;
  /**
   * Build every good article and list the bad ones in `reportFile` instead of
   * stopping. Off by default: a strict build never publishes a partial site.
   */
  keepGoing?: boolean;
  /** Where keep-going mode lists the skipped files (`file:line: reason`). */
  reportFile?: string;
}

export function kbLoader({ dir, keepGoing = false, reportFile = 'kb-skipped.txt' }: KbLoaderOptions): Loader {
  return {
    name: 'kb-archive-loader',
    load: async ({ store, parseData, generateDigest, logger }) => {
      const started = performance.now();
      const entries: Parameters<typeof store.set>[0][] = [];
      const invalid: KbIssue[] = [];
      const { count, issues } = await scanArticleDir(dir, async ({ fields, raw, shown }) => {
        try {
          const data = await parseData({ id: fields.id, data: fields, filePath: fields.file });
          entries.push({ id: fields.id, data, digest: generateDigest(raw) });
        } catch (e) {
          invalid.push({ file: shown, line: 1, reason: e instanceof Error ? e.message : String(e) });
        }
      });
      issues.push(...invalid);
      if (keepGoing) {
        writeFileSync(reportFile, issues.length > 0 ? `${formatIssues(issues)}\n` : '0 bad article files.\n');
        if (issues.length > 0) logger.warn(`skipped ${issues.length} bad article files, listed in ${reportFile}`);
      } else if (issues.length > 0) {
        // Strict: a site with articles silently missing is worse than no site.
        throw new Error(formatIssues(issues));
      }
      store.clear();
      for (const entry of entries) store.set(entry);
      logger.info(`${count - invalid.length} articles from ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
  };
}
