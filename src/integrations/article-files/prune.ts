/**
 * The output folder is kept between builds (unchanged pages are not written
 * again), so what a build no longer makes must be removed: under the folders
 * this site owns (`kb/`, `id/`, and the short links `Q<n>/`), every page or
 * JSON file that this build did not produce is stale.
 *
 * Walking those folders costs seconds at 115,000 of them, so a build keeps the
 * list of what it published in `listFile`, and the next one removes what was on
 * it and is no longer produced. It walks only when that list is missing: the
 * first build over an existing folder, or one after a build that stopped
 * halfway. `takePublished` deletes the list as a build starts, before any
 * file is written, so a build that stops leaves none.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isArchiveFolder } from '../../lib/routes.ts';

/** What the output folder held as a build started, as far as pruning needs to know. */
export type Published =
  /** No archive folder: nothing the build does not make can be there. */
  | { kind: 'empty' }
  /** The files the last build published, from its list. */
  | { kind: 'listed'; files: ReadonlySet<string> }
  /** Unknown: the folders must be walked. */
  | { kind: 'unknown' };

/** Reads and deletes the last build's list; call it before the build writes anything. */
export function takePublished(outDir: string, listFile: string): Published {
  let text: string | undefined;
  try {
    text = readFileSync(listFile, 'utf8');
  } catch {
    // No list: the last build stopped before pruning, or there was none.
  }
  rmSync(listFile, { force: true });
  if (!existsSync(outDir) || !readdirSync(outDir).some(isArchiveFolder)) return { kind: 'empty' };
  const [folder, ...files] = text?.split('\n') ?? [];
  // A list names its output folder: another folder's list says nothing about this one.
  if (folder !== outDir) return { kind: 'unknown' };
  return { kind: 'listed', files: new Set(files) };
}

/** Removes what is stale, writes this build's list, and returns how many files went. */
export function prune(outDir: string, keep: ReadonlySet<string>, published: Published, listFile: string): number {
  let removed = 0;
  if (published.kind === 'listed') {
    for (const rel of published.files) {
      if (keep.has(rel) || !isPrunable(rel)) continue;
      // Counted even when gone already: Astro deletes the pages it no longer makes from its
      // cache folder, which is the output folder (page-cache.ts), and leaves their folders.
      remove(outDir, rel);
      removed++;
    }
  } else if (published.kind === 'unknown') {
    removed = pruneStale(outDir, keep);
  }
  writeFileSync(listFile, [outDir, ...keep].join('\n'));
  return removed;
}

/** A page or JSON file under a folder the site owns. */
const isPrunable = (rel: string): boolean => /\.(html|json)$/.test(rel) && isArchiveFolder(rel.split('/')[0]!);

/** Removes a file, and its folder when that leaves it empty (a page's `Q900006/`), so no empty folder is served. */
function remove(outDir: string, rel: string): void {
  const file = path.join(outDir, rel);
  rmSync(file, { force: true });
  try {
    rmdirSync(path.dirname(file));
  } catch {
    // Not empty: other files live there.
  }
}

/** Walks the site's folders and removes every page or JSON file not in `keep`. */
export function pruneStale(outDir: string, keep: ReadonlySet<string>): number {
  let removed = 0;
  for (const root of readdirSync(outDir).filter(isArchiveFolder)) {
    for (const entry of readdirSync(path.join(outDir, root), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const rel = path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (keep.has(rel) || !isPrunable(rel)) continue;
      remove(outDir, rel);
      removed++;
    }
  }
  return removed;
}
