/**
 * The content loader of the `kb` collection. Unlike Astro's glob loader it
 * keeps no body and no rendered HTML in the data store, only the fields that
 * pages and listings need: at 60k articles the store stays a few tens of MB.
 * Bodies are rendered when their page is built (src/markdown/render.ts).
 *
 * Astro keeps the store between builds (and dev server starts): files unchanged
 * since the last load, by modification time and size, are not read again.
 * In the dev server it follows the content folder (content-watch.ts): an
 * edited, added or deleted article is in the store by the next request.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatIssue, formatIssues, KbParseError, type KbIssue } from '../lib/kb/errors.ts';
import { parseArticleFields, scanArticleDir, type ArticleFields } from '../lib/kb/scan.ts';
import { feedSender } from '../integrations/article-files/parsed-feed.ts';
import { watchContent } from './content-watch.ts';
import { codeDigest, sameStamp, stampOf, type FileStamp } from '../lib/kb/stamps.ts';

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
      const { store, parseData, generateDigest, logger, watcher, meta } = context;
      const started = performance.now();
      const entries: Parameters<typeof store.set>[0][] = [];
      const invalid: KbIssue[] = [];
      const digest = readerDigest();
      const previous = previousFiles(meta, digest, dir);
      const files = new Map<string, LoadedFile>();
      const unchanged = (file: string): string | undefined => {
        const was = previous?.get(file);
        if (!was || !store.has(was.id) || !sameStamp(was, stampOf(file))) return undefined;
        files.set(file, was);
        return was.id;
      };
      // In a build, what this scan parses goes on to the build's worker too (parsed-feed.ts).
      const feed = feedSender();
      const { count, issues } = await scanArticleDir(
        dir,
        async (scanned) => {
          feed?.send(scanned);
          const { fields, raw, shown } = scanned;
          try {
            const data = await parseData({ id: fields.id, data: stored(dir, fields), filePath: fields.file });
            // This scan has no `parsed` source: every article comes with its text.
            entries.push({ id: fields.id, data, digest: generateDigest(raw!) });
            files.set(fields.file, { id: fields.id, ...stampOf(fields.file) });
          } catch (e) {
            invalid.push({ file: shown, line: 1, reason: e instanceof Error ? e.message : String(e) });
          }
        },
        { unchanged },
      ).finally(() => feed?.end());
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
      const kept = new Set([...files.values()].map((f) => f.id));
      if (previous) {
        for (const id of store.keys()) if (!kept.has(id)) store.delete(id);
      } else store.clear();
      for (const entry of entries) store.set(entry);
      const reused = files.size - entries.length;
      logger.info(
        `${count - invalid.length} articles from ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s${reused > 0 ? ` (${reused} unchanged, not read again)` : ''}`,
      );
      rememberFiles(meta, digest, dir, files);
      if (watcher) followEdits(context, dir, files);
    },
  };
}

/** A file in the store: its article, and its stamp when it was read. */
interface LoadedFile extends FileStamp {
  id: string;
}

const FILES_KEY = 'files';
const READER_KEY = 'reader';

/** The code that turns a file into store fields: fields stored by other code are read again. */
const readerDigest = () => codeDigest(['lib', 'lib/kb', 'lib/kb/body', 'schemas', 'loaders']);

/**
 * The fields as the store keeps them: the file's path relative to the content
 * folder. At 57,316 articles absolute paths were a sixth of the store, which the
 * dev server loads through Vite on its first page.
 */
const stored = (dir: string, fields: ArticleFields): ArticleFields => ({ ...fields, file: path.relative(dir, fields.file) });

/**
 * The stamps as one line per file, `path<TAB>id<TAB>mtime<TAB>size`, paths
 * relative to the content folder: a fifth of the size of JSON with absolute
 * paths, and the store is written and loaded whole.
 */
function previousFiles(meta: LoaderContext['meta'], digest: string | undefined, dir: string): Map<string, LoadedFile> | undefined {
  if (!digest || meta.get(READER_KEY) !== digest) return undefined;
  const files = new Map<string, LoadedFile>();
  for (const line of (meta.get(FILES_KEY) ?? '').split('\n')) {
    const [rel, id, mtimeMs, size] = line.split('\t');
    if (!rel || !id || mtimeMs === undefined || size === undefined) continue;
    files.set(path.join(dir, rel), { id, mtimeMs: Number(mtimeMs), size: Number(size) });
  }
  return files;
}

function rememberFiles(meta: LoaderContext['meta'], digest: string | undefined, dir: string, files: ReadonlyMap<string, LoadedFile>): void {
  if (!digest) return;
  meta.set(READER_KEY, digest);
  const lines: string[] = [];
  for (const [file, { id, mtimeMs, size }] of files) lines.push(`${path.relative(dir, file)}\t${id}\t${mtimeMs}\t${size}`);
  meta.set(FILES_KEY, lines.join('\n'));
}

/**
 * Keeps the store in step with the folder while the dev server runs. `files`
 * maps each loaded file to its article, so a deleted or renamed file takes its
 * article with it. A bad edit is logged with its file and line, and the article
 * leaves the store until it is fixed: nothing stale is shown as current. (The
 * stamps remembered at start-up stay as they were: an edited file no longer
 * matches its stamp, so the next start reads it again.)
 */
function followEdits({ store, parseData, generateDigest, logger }: LoaderContext, dir: string, files: Map<string, LoadedFile>): void {
  const remove = (file: string) => {
    const id = files.get(file)?.id;
    if (id === undefined) return;
    files.delete(file);
    store.delete(id);
  };
  const update = async (file: string) => {
    const shown = path.relative(process.cwd(), file) || file;
    try {
      const raw = await readFile(file, 'utf8');
      const fields = { ...parseArticleFields(raw, shown), file };
      const owner = [...files].find(([f, { id }]) => id === fields.id && f !== file)?.[0];
      if (owner) throw new KbParseError({ file: shown, line: 1, reason: `id ${fields.id} is used twice: also by ${path.relative(process.cwd(), owner)}` });
      if (files.get(file)?.id !== fields.id) remove(file);
      const data = await parseData({ id: fields.id, data: stored(dir, fields), filePath: file });
      store.set({ id: fields.id, data, digest: generateDigest(raw) });
      files.set(file, { id: fields.id, ...stampOf(file) });
      logger.info(`${fields.id} updated from ${shown}`);
    } catch (e) {
      remove(file);
      logger.error(e instanceof KbParseError ? formatIssue(e.issue) : `${shown}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  watchContent(dir, () => files.keys(), {
    changed: (file) => void update(file),
    deleted: (file) => {
      if (!files.has(file)) return;
      remove(file);
      logger.info(`${path.relative(process.cwd(), file)} deleted`);
    },
    failed: (e) => logger.error(`${dir}: edits are no longer followed: ${e.message}`),
  });
}
