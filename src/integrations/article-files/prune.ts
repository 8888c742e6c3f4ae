/**
 * The output folder is kept between builds (unchanged pages are not written
 * again), so what a build no longer makes must be removed: under the folders
 * this site owns (`kb/`, `id/`, and the short links `Q<n>/`), every page or
 * JSON file that this build did not produce is stale.
 */
import { readdirSync, rmSync } from 'node:fs';
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
