/**
 * Astro's incremental build (`experimental.incrementalBuild`) writes every page
 * it renders twice: into the output folder, and a copy into `<cacheDir>/dist/`,
 * from which it restores unchanged pages into an emptied output folder. Ours is
 * never emptied (`emptyOutDir: false`), so the copy is the page itself. Making
 * the cache folder a link to the output folder saves a cold build a file and a
 * folder per page (57,772 of each on the reference archive).
 *
 * Astro's reads and writes through the link stay correct: a cached page is the
 * output file, so a page missing from the output folder is rendered again, and
 * a page Astro prunes from its cache is one the build no longer produces.
 */
import { mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Astro's folder for cached page copies, inside its cacheDir (astro/dist/core/build/incremental.js). */
const CACHED_PAGES = 'dist';

/** Points `<cacheDir>/dist` at `outDir`, replacing a real folder of copies left by an older build. */
export function linkPageCache(cacheDir: string, outDir: string): void {
  const link = path.join(cacheDir, CACHED_PAGES);
  mkdirSync(outDir, { recursive: true });
  try {
    if (realpathSync(link) === realpathSync(outDir)) return;
  } catch {
    // No link yet, or one to a folder that is gone.
  }
  rmSync(link, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  // A junction on Windows needs no privileges; other systems ignore the type.
  symlinkSync(outDir, link, 'junction');
}

export default function pageCache(): AstroIntegration {
  let cacheDir = '';
  let outDir = '';
  let enabled = false;
  return {
    name: 'kb-page-cache',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        outDir = fileURLToPath(config.outDir);
        enabled = config.experimental.incrementalBuild === true && config.vite.build?.emptyOutDir === false;
      },
      'astro:build:start': () => {
        if (enabled) linkPageCache(cacheDir, outDir);
      },
    },
  };
}
