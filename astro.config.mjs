// @ts-check
import { defineConfig } from 'astro/config';
import kbArchive from './src/integrations/kb-archive/index.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  output: 'static',
  // Astro's caches (data store, incremental-build manifest): KB_CACHE_DIR gives a build its own.
  ...(process.env.KB_CACHE_DIR ? { cacheDir: process.env.KB_CACHE_DIR } : {}),
  integrations: [
    // The site config (README, "Site config"): the reference archive's settings are its defaults.
    // A team's own archive sets its title, notice, product table, content folder and origin here,
    // or in a JSON file named by KB_CONFIG. To serve under a sub-path, set `base` (or `--base`).
    kbArchive({
      title: 'KB Archive',
      contentDir: 'content',
      products: 'content/products.tsv',
    }),
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
