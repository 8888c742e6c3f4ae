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
 *
 * Through the link, Astro's copy of a page it has just rendered would truncate
 * and rewrite the file it has just written, doubling the pages' file work: in
 * cold builds of 20,000 articles (`npm run bench -- <articles> --cold-only`), the
 * system time of the threads that write pages fell from 6.2-10.0 s to 4.4 s
 * without it. So that write is skipped while the link is in place
 * (skipRewrites). Astro's cache class is internal: should it change, pages are
 * written twice again, and the build warns.
 */
import { mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Astro's folder for cached page copies, inside its cacheDir (astro/dist/core/build/incremental.js). */
const CACHED_PAGES = 'dist';

/** The cache folders linked to their output folder in this process: Astro's copies of pages there are the pages. */
const linked = new Set<string>();

/** Points `<cacheDir>/dist` at `outDir`, replacing a real folder of copies left by an older build. */
export function linkPageCache(cacheDir: string, outDir: string): void {
  const link = path.join(cacheDir, CACHED_PAGES);
  mkdirSync(outDir, { recursive: true });
  linked.add(path.resolve(cacheDir));
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

/** What skipRewrites relies on of Astro's `IncrementalBuildCache` (astro/dist/core/build/incremental.js). */
interface AstroPageCache {
  writeOutputFile(settings: { config: { cacheDir: URL } }, outputFile: string, body: unknown): Promise<void>;
}
const SKIPS = Symbol.for('kb-archive.skipRewrites');

/**
 * Makes Astro's cache skip its copy of a rendered page when its cache folder is
 * linked (linkPageCache): the page was just written there, with the same body.
 * Returns false when Astro's cache is not as expected; then nothing changes.
 */
export async function skipRewrites(): Promise<boolean> {
  let proto: (AstroPageCache & { [SKIPS]?: true }) | undefined;
  try {
    const astroRoot = path.dirname(createRequire(import.meta.url).resolve('astro/package.json'));
    const mod = await import(pathToFileURL(path.join(astroRoot, 'dist/core/build/incremental.js')).href);
    proto = mod.IncrementalBuildCache?.prototype;
  } catch {
    return false;
  }
  if (typeof proto?.writeOutputFile !== 'function') return false;
  if (proto[SKIPS]) return true;
  const write = proto.writeOutputFile;
  proto.writeOutputFile = function (this: AstroPageCache, settings, outputFile, body) {
    if (linked.has(path.resolve(fileURLToPath(settings.config.cacheDir)))) return Promise.resolve();
    return write.call(this, settings, outputFile, body);
  };
  proto[SKIPS] = true;
  return true;
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
      'astro:build:start': async ({ logger }) => {
        // A later build in the same process may not link this cache folder: its copies are then real.
        linked.delete(path.resolve(cacheDir));
        if (!enabled) return;
        linkPageCache(cacheDir, outDir);
        if (!(await skipRewrites())) logger.warn("Astro's incremental cache is not as this version expects: each page is written twice");
      },
    },
  };
}
