/**
 * Moves what the worker staged into the output folder once the build has
 * succeeded: a folder the output lacks moves whole (one rename for each
 * short-link folder, say), others are merged entry by entry. Renames, not
 * copies, so it costs little even for 100,000 files.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

function moveTree(from: string, to: string): void {
  if (!existsSync(to)) {
    renameSync(from, to);
    return;
  }
  if (!statSync(from).isDirectory()) {
    renameSync(from, to);
    return;
  }
  for (const name of readdirSync(from)) moveTree(path.join(from, name), path.join(to, name));
}

export function moveStaged(stagingDir: string, outDir: string): void {
  if (!existsSync(stagingDir)) return;
  // A new search bundle replaces the old one whole.
  if (existsSync(path.join(stagingDir, 'pagefind'))) rmSync(path.join(outDir, 'pagefind'), { recursive: true, force: true });
  moveTree(stagingDir, outDir);
  rmSync(stagingDir, { recursive: true, force: true });
}
