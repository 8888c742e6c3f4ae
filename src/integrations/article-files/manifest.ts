/**
 * What the last successful build's worker made, kept in Astro's cache folder:
 * when no article file changed (by modification time and size), the site
 * config and the code that makes the files are the same, and every file it
 * made is still in the output folder, a build keeps them all without reading
 * a single article. Written only once a build has succeeded and its files are
 * in place, so a failed build is never taken for a finished one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listArticleFiles } from '../../lib/kb/scan.ts';
import { codeDigest, stampOf } from '../../lib/kb/stamps.ts';
import type { SearchFacets } from '../../lib/output/search-record.ts';
import type { WorkerResult } from './worker.ts';

export const MANIFEST_FILE = 'kb-outputs.json';

/** Every article file of the content folder with its stamp: `[path, mtimeMs, size]`, in path order. */
export type ContentStamps = [file: string, mtimeMs: number, size: number][];

/** What a build keeps of an article for the next one, which then need not read the file while its stamp holds. */
export interface KeptArticle {
  id: string;
  number: number;
  bucket: string;
  /** The search index's view of it (search-index.ts), when the build made one. */
  search?: { hash: string; facets: SearchFacets };
  /** The body's parse failure, shown as plain text: reported again by every build. */
  fallback?: { line: number; reason: string };
}

export interface OutputManifest {
  /** The config and the code the outputs were made with (manifestKey). */
  key: string;
  stamps: ContentStamps;
  /** Each good article file (absolute path) -> what the build kept of it. */
  articles: Record<string, KeptArticle>;
  /** What that build's worker reported. */
  result: Pick<WorkerResult, 'articles' | 'files' | 'search' | 'fallbacks'>;
}

/** The inputs besides the article files: the config, the build's options and the code that writes the files. */
export function manifestKey(inputs: unknown): string | undefined {
  return codeDigest(['lib', 'lib/kb', 'lib/kb/body', 'lib/output', 'lib/search', 'integrations/article-files'], JSON.stringify(inputs));
}

export function contentStamps(dir: string): ContentStamps {
  return listArticleFiles(dir).map((file) => {
    const { mtimeMs, size } = stampOf(file);
    return [file, mtimeMs, size];
  });
}

export function readManifest(file: string): OutputManifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as OutputManifest;
  } catch {
    return undefined;
  }
}

export function writeManifest(file: string, manifest: OutputManifest): void {
  writeFileSync(file, JSON.stringify(manifest));
}

/**
 * The articles of the last build (same config and code) whose file has the
 * same stamp now and whose files are all still in the output folder: file ->
 * what was kept of it, and its output files.
 */
export function unchangedArticles(
  last: OutputManifest | undefined,
  key: string | undefined,
  stamps: ContentStamps,
  outDir: string,
  filesOf: (id: string) => string[],
): Map<string, KeptArticle> {
  const kept = new Map<string, KeptArticle>();
  if (!last?.articles || !key || last.key !== key) return kept;
  const was = new Map(last.stamps.map(([file, mtimeMs, size]) => [file, `${mtimeMs} ${size}`]));
  for (const [file, mtimeMs, size] of stamps) {
    const article = last.articles[file];
    if (!article || was.get(file) !== `${mtimeMs} ${size}`) continue;
    if (filesOf(article.id).every((rel) => existsSync(path.join(outDir, rel)))) kept.set(file, article);
  }
  return kept;
}

/** Whether the last build's outputs (its files, and `extra` output files) are this build's too. */
export function outputsCurrent(
  last: OutputManifest | undefined,
  key: string | undefined,
  stamps: ContentStamps,
  outDir: string,
  extra: readonly string[] = [],
): last is OutputManifest {
  if (!last || !key || last.key !== key || last.stamps.length !== stamps.length) return false;
  for (let i = 0; i < stamps.length; i++) {
    const [file, mtimeMs, size] = stamps[i]!;
    const was = last.stamps[i]!;
    if (was[0] !== file || was[1] !== mtimeMs || was[2] !== size) return false;
  }
  return [...last.result.files, ...extra].every((rel) => existsSync(path.join(outDir, rel)));
}
