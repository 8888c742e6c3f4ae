/**
 * npm run check-links [dir]
 *
 * Checks every internal link and fragment of a built site (default `dist/`)
 * from its files (scripts/lib/site-links.ts; the tests also crawl the example
 * site with linkinator); prints the broken ones and exits 1 if there are any.
 */
import path from 'node:path';
import { checkBuiltLinks } from './lib/site-links.ts';

const dir = path.resolve(process.argv[2] ?? 'dist');
const started = performance.now();
const { pages, checked, broken } = await checkBuiltLinks(dir);
for (const b of broken) console.error(`broken: ${b.url} (status ${b.status ?? '?'}) on ${b.parent ?? '?'}`);
console.log(`check-links: ${pages} pages, ${checked} links checked, ${broken.length} broken, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(broken.length > 0 ? 1 : 0);
