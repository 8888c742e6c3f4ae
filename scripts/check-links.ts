/**
 * npm run check-links [dir] [--base /support/kb/] [--site https://kb.example.com]
 *
 * Checks every internal link and fragment of a built site (default `dist/`)
 * from its files (scripts/lib/site-links.ts; the tests also crawl the example
 * site with linkinator); prints the broken ones and exits 1 if there are any.
 * A site built with a `base` is checked under it: a link outside it is broken.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkBuiltLinks } from './lib/site-links.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { base: { type: 'string', default: '/' }, site: { type: 'string', default: process.env.KB_SITE_URL || 'http://localhost:4321' } },
});
const dir = path.resolve(positionals[0] ?? 'dist');
const started = performance.now();
const { pages, checked, broken } = await checkBuiltLinks(dir, { base: values.base, siteOrigin: new URL(values.site).origin });
for (const b of broken) console.error(`broken: ${b.url} (status ${b.status ?? '?'}) on ${b.parent ?? '?'}`);
console.log(`check-links: ${pages} pages, ${checked} links checked, ${broken.length} broken, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(broken.length > 0 ? 1 : 0);
