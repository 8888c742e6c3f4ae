/**
 * `/sitemap.xml`, the address crawlers and people try first, as a copy of the
 * sitemap index that @astrojs/sitemap writes (`sitemap-index.xml`, which lists
 * `sitemap-0.xml`, `sitemap-1.xml`, ...). Listed after that integration, so its
 * files exist when this runs.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export default function sitemapAlias(): AstroIntegration {
  return {
    name: 'kb-sitemap-alias',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const index = fileURLToPath(new URL('sitemap-index.xml', dir));
        if (!existsSync(index)) throw new Error('kb-sitemap-alias: no sitemap-index.xml; @astrojs/sitemap must run first');
        copyFileSync(index, fileURLToPath(new URL('sitemap.xml', dir)));
      },
    },
  };
}
