/**
 * The output folder is kept between builds (`emptyOutDir: false`), and Vite
 * names each script and style after a hash of its content: a build that
 * changes one leaves the old file behind in the assets folder (`_astro/`).
 * After a build, this removes every file there that the build neither emitted
 * (Vite's bundles, in every environment) nor wrote (anything else Astro puts
 * there, such as optimised images, is newer than the build's start).
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The stale files of `assetsDir` (whose files the bundle names `<prefix>/<name>`): neither in `emitted` nor changed since `since` (ms). */
export function findStaleAssets(assetsDir: string, prefix: string, emitted: ReadonlySet<string>, since: number): string[] {
  let names: string[];
  try {
    names = readdirSync(assetsDir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((name) => !emitted.has(`${prefix}/${name.split(path.sep).join('/')}`))
    .map((name) => path.join(assetsDir, name))
    .filter((file) => {
      const stat = statSync(file);
      return stat.isFile() && stat.mtimeMs < since;
    });
}

export default function staleAssetsIntegration(): AstroIntegration {
  const emitted = new Set<string>();
  let assetsDir = '';
  let prefix = '';
  let started = 0;
  return {
    name: 'kb-stale-assets',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'kb-stale-assets',
                generateBundle(_options, bundle) {
                  for (const name of Object.keys(bundle)) emitted.add(name);
                },
              },
            ],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        prefix = config.build.assets;
        assetsDir = path.join(fileURLToPath(config.outDir), prefix);
      },
      'astro:build:start': () => {
        // Filesystems that keep whole seconds: a file written in the build's first second is not older than it.
        started = Date.now() - 2000;
      },
      'astro:build:done': ({ logger }) => {
        const stale = findStaleAssets(assetsDir, prefix, emitted, started);
        for (const file of stale) rmSync(file);
        if (stale.length > 0) logger.info(`${stale.length} stale files removed from ${prefix}/`);
      },
    },
  };
}
