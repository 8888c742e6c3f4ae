/**
 * The output folder is kept between builds (unchanged pages are not written
 * again), so what a build no longer makes must be removed: under the folders
 * this site owns (`kb/`, `id/`, and the short links `Q<n>/`), every page or
 * JSON file that this build did not produce is stale.
 */

/**
 * The digest of what a build publishes, kept in `stampFile` once its stale
 * files are pruned: a build that publishes the same files (any build where no
 * article was added or deleted) has nothing to prune, and skips the walk over
 * 115,000 folders. Call `forgetPruned` before moving new files in, so that a
 * build that stops halfway leaves no stamp and the next one walks.
 */
export function forgetPruned(stampFile: string): void {
  rmSync(stampFile, { force: true });
}

export function pruneChanged(outDir: string, keep: ReadonlySet<string>, stampFile: string): number | undefined {
  const digest = createHash('sha256').update(`${outDir}\0${[...keep].sort().join('\n')}`).digest('hex');
  let last = '';
  try {
    last = readFileSync(stampFile, 'utf8');
  } catch {
    // No stamp: the last build did not finish pruning.
  }
  const removed = last === digest ? undefined : pruneStale(outDir, keep);
  writeFileSync(stampFile, digest);
  return removed;
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isArchiveFolder } from '../../lib/routes.ts';

export function pruneStale(outDir: string, keep: ReadonlySet<string>): number {
  let removed = 0;
  const roots = readdirSync(outDir).filter(isArchiveFolder);
  for (const root of roots) {
    for (const entry of readdirSync(path.join(outDir, root), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(html|json)$/.test(entry.name)) continue;
      const rel = path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (keep.has(rel)) continue;
      rmSync(path.join(outDir, rel));
      removed++;
    }
  }
  return removed;
}
