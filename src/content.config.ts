import { defineCollection } from 'astro:content';
import { contentDir } from './lib/content-dir.ts';
import { kbLoader } from './loaders/kb-loader.ts';
import { articleSchema } from './schemas/article.ts';

/** Every article of the archive, typed by `articleSchema`. */
const kb = defineCollection({
  loader: kbLoader({ dir: contentDir() }),
  schema: articleSchema,
});

export const collections = { kb };
