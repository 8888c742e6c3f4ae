// @ts-check
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import articleFiles from './src/integrations/article-files/index.ts';
import sitemapAlias from './src/integrations/sitemap-alias.ts';
import { contentDir } from './src/lib/content-dir.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  // The public origin, for canonical URLs and previews; set KB_SITE_URL when deploying.
  site: process.env.KB_SITE_URL || 'http://localhost:4321',
  output: 'static',
  // Astro's caches (data store, incremental-build manifest): KB_CACHE_DIR gives a build its own.
  ...(process.env.KB_CACHE_DIR ? { cacheDir: process.env.KB_CACHE_DIR } : {}),
  integrations: [
    // JSON documents, short links and redirect rules, written beside the pages.
    articleFiles({ contentDir: contentDir() }),
    // sitemap-index.xml and sitemap-N.xml, split at 45,000 URLs as the protocol requires.
    sitemap({ filter: (page) => !page.endsWith('/lookup/') }),
    // /sitemap.xml as well: a copy of that index.
    sitemapAlias(),
  ],
  // Article permalinks end in a slash (`/kb/192/Q192493/`), as they always have.
  trailingSlash: 'always',
  // One cached stylesheet rather than the same CSS inlined into 60,000 pages.
  // Pages wait on file writes (and the worker's): rendering a few at once keeps the main thread busy.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // No Markdown files are rendered by Astro itself: article bodies go through our own unified pipeline.
  // Scripts and styles as files the browser caches once, never inlined into every page.
  vite: { build: { assetsInlineLimit: 0 } },
  experimental: {
    // Unchanged pages are copied from the last build instead of rendered (second builds).
    incrementalBuild: true,
  },
});
