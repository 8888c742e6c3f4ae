import { defineCollection } from 'astro:content';
import config from 'virtual:kb-archive/config';
import { kbLoader } from './loaders/kb-loader.ts';
import { articleSchema } from './schemas/article.ts';

/** Every article of the archive, typed by `articleSchema`, from the site config's content folder. */
const kb = defineCollection({
  loader: kbLoader({
    dir: config.contentDir,
    // KB_KEEP_GOING=1: build the good articles, list the bad ones in kb-skipped.txt (or KB_REPORT_FILE).
    keepGoing: process.env.KB_KEEP_GOING === '1',
    reportFile: process.env.KB_REPORT_FILE || 'kb-skipped.txt',
  }),
  schema: articleSchema,
});

export const collections = { kb };
