/**
 * The project's integration, `kbArchive({ title, notice, ... })` in
 * `astro.config.mjs`: validates the site config once (config.ts), exposes it to
 * pages and the content config as `virtual:kb-archive/config`, and adds the
 * integrations that write what is not a page (article files, search index,
 * sitemap).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { AstroError } from 'astro/errors';
import { sitePaths } from '../../lib/routes.ts';
import type { KbArchiveUserConfig } from '../../utils/user-config.ts';
import articleFiles from '../article-files/index.ts';
import buildProfile from '../build-profile.ts';
import pageCache from '../page-cache.ts';
import staleAssets from '../stale-assets.ts';
import sitemapAlias from '../sitemap-alias.ts';
import { ConfigError, resolveConfig, type ResolvedConfig } from './config.ts';

export type { KbArchiveUserConfig };

/**
 * The modules it serves: the config for pages, and Astro's final `base` alone
 * (small enough for browser scripts). The base is not read from
 * `import.meta.env.BASE_URL`: on the server side a `BASE_URL` environment
 * variable overrides that, and would silently move every link.
 */
const CONFIG_ID = 'virtual:kb-archive/config';
const BASE_ID = 'virtual:kb-archive/base';

export default function kbArchive(options: KbArchiveUserConfig = {}): AstroIntegration {
  let base = '/';
  return {
    name: 'kb-archive',
    hooks: {
      'astro:config:setup': ({ config: astroConfig, updateConfig }) => {
        let config: ResolvedConfig;
        try {
          config = resolveConfig(options, { root: fileURLToPath(astroConfig.root), site: astroConfig.site });
        } catch (e) {
          if (e instanceof ConfigError) throw new AstroError(e.message, e.hint);
          throw e;
        }
        const publicDir = fileURLToPath(astroConfig.publicDir);
        for (const [field, file] of [['favicon', config.favicon], ['logo.src', config.logo?.src]] as const) {
          if (file && !existsSync(path.join(publicDir, file))) {
            throw new AstroError(`Invalid kb-archive site config: \`${field}\`: ${file} is not a file in ${path.relative(process.cwd(), publicDir) || publicDir}/`, 'Put the file in public/ and give its path from there, such as `/logo.svg`.');
          }
        }
        // The dev server's watcher must not crawl a built archive (hundreds of thousands of
        // files in dist/) nor the caches: that alone kept it from starting for minutes. Nor the
        // content folder, which the loader follows with a watcher made for that (content-watch.ts).
        const root = fileURLToPath(astroConfig.root).replace(/\/$/, '');
        const ignored = [fileURLToPath(astroConfig.outDir), fileURLToPath(astroConfig.cacheDir), config.contentDir]
          .map((dir) => dir.replace(/\/$/, ''))
          .filter((dir) => dir !== root)
          .map((dir) => `${dir}/**`);
        const virtualModules = (): Plugin => ({
          name: 'kb-archive:config',
          resolveId: (id) => (id === CONFIG_ID || id === BASE_ID ? `\0${id}` : undefined),
          load(id) {
            if (id === `\0${CONFIG_ID}`) return `export default ${JSON.stringify(config)};`;
            if (id === `\0${BASE_ID}`) return `export default ${JSON.stringify(base)};`;
            return undefined;
          },
        });
        updateConfig({
          site: config.site,
          vite: {
            server: { watch: { ignored } },
            plugins: [virtualModules()],
            // Workers (the search engine's) are bundled apart, with only these plugins.
            worker: { format: 'es', plugins: () => [virtualModules()] },
          },
          integrations: [
            // JSON documents, short links, redirect rules and the search index, written beside the pages.
            articleFiles(config),
            // Astro's incremental-build copy of each page is the page in the output folder.
            pageCache(),
            // Old hashed scripts and styles in _astro/, which a kept output folder would collect.
            staleAssets(),
            // sitemap-index.xml and sitemap-N.xml, split at 45,000 URLs as the protocol requires.
            sitemap({ filter: (page) => !page.endsWith(sitePaths.lookup()) }),
            // /sitemap.xml as well: a copy of that index.
            sitemapAlias(),
            // Last: logs the main thread's CPU by phase once the others are done.
            buildProfile(),
          ],
        });
      },
      'astro:config:done': ({ config: astroConfig }) => {
        base = astroConfig.base;
      },
    },
  };
}
