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
import type { WorkerResult } from './worker.ts';

export const MANIFEST_FILE = 'kb-outputs.json';

/** Every article file of the content folder with its stamp: `[path, mtimeMs, size]`, in path order. */
export type ContentStamps = [file: string, mtimeMs: number, size: number][];

export interface OutputManifest {
  /** The config and the code the outputs were made with (manifestKey). */
  key: string;
  stamps: ContentStamps;
  /** What that build's worker reported. */
  result: Pick<WorkerResult, 'articles' | 'files' | 'search' | 'fallbacks'>;
}

/** The inputs besides the article files: the config, the build's options and the code that writes the files. */
export function manifestKey(inputs: unknown): string | undefined {
  return codeDigest(['lib', 'lib/kb', 'lib/kb/body', 'lib/output', 'lib/search', 'integrations/article-files'], JSON.stringify(inputs));
}

export async function contentStamps(dir: string): Promise<ContentStamps> {
  return (await listArticleFiles(dir)).map((file) => {
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
