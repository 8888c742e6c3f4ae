/**
 * The content loader of the `kb` collection. Unlike Astro's glob loader it
 * keeps no body and no rendered HTML in the data store, only the fields that
 * pages and listings need: at 60k articles the store stays a few tens of MB.
 * Bodies are rendered when their page is built (src/markdown/render.ts).
 *
 * In the dev server it follows the content folder through Astro's watcher: an
 * edited, added or deleted article is in the store by the next request.
 */
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatIssue, formatIssues, KbParseError, type KbIssue } from '../lib/kb/errors.ts';
import { isArticleFile, parseArticleFields, scanArticleDir } from '../lib/kb/scan.ts';

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
    load: async (context) => {
      const { store, parseData, generateDigest, logger, watcher } = context;
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
      } else if (issues.length > 0 && !watcher) {
        // Strict: a site with articles silently missing is worse than no site.
        throw new Error(formatIssues(issues));
      } else if (issues.length > 0) {
        // The dev server keeps serving the good articles while the bad ones are fixed.
        logger.error(formatIssues(issues));
      }
      store.clear();
      for (const entry of entries) store.set(entry);
      logger.info(`${count - invalid.length} articles from ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      if (watcher) followEdits(context, dir, new Map(entries.map((e) => [String((e.data as { file: string }).file), e.id])));
    },
  };
}

/**
 * Keeps the store in step with the folder while the dev server runs. `ids`
 * maps each loaded file to its article id, so a deleted or renamed file takes
 * its article with it. A bad edit is logged with its file and line, and the
 * article leaves the store until it is fixed: nothing stale is shown as current.
 */
function followEdits({ store, parseData, generateDigest, logger, watcher }: LoaderContext, dir: string, ids: Map<string, string>): void {
  const inFolder = (file: string) => {
    const rel = path.relative(dir, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && isArticleFile(rel);
  };
  const remove = (file: string) => {
    const id = ids.get(file);
    if (id === undefined) return;
    ids.delete(file);
    store.delete(id);
  };
  const update = async (file: string) => {
    if (!inFolder(file)) return;
    const shown = path.relative(process.cwd(), file) || file;
    try {
      const raw = await readFile(file, 'utf8');
      const fields = { ...parseArticleFields(raw, shown), file };
      const owner = [...ids].find(([f, id]) => id === fields.id && f !== file)?.[0];
      if (owner) throw new KbParseError({ file: shown, line: 1, reason: `id ${fields.id} is used twice: also by ${path.relative(process.cwd(), owner)}` });
      if (ids.get(file) !== fields.id) remove(file);
      const data = await parseData({ id: fields.id, data: fields, filePath: file });
      store.set({ id: fields.id, data, digest: generateDigest(raw) });
      ids.set(file, fields.id);
      logger.info(`${fields.id} updated from ${shown}`);
    } catch (e) {
      remove(file);
      logger.error(e instanceof KbParseError ? formatIssue(e.issue) : `${shown}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  watcher!.add(dir);
  watcher!.on('add', (file) => void update(file));
  watcher!.on('change', (file) => void update(file));
  watcher!.on('unlink', (file) => {
    if (!inFolder(file)) return;
    remove(file);
    logger.info(`${path.relative(process.cwd(), file)} deleted`);
  });
}
