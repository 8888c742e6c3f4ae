/**
 * npm run validate [dir]
 *
 * Checks a folder of articles the way the build loads them, without building:
 * every bad file is listed with its line and reason; exit status 1 if any.
 * Default folder: the site config's (KB_CONTENT_DIR, else KB_CONFIG's `contentDir`, else content/).
 */
import path from 'node:path';
import { resolveConfig } from '../src/integrations/kb-archive/config.ts';
import { formatIssues } from '../src/lib/kb/errors.ts';
import { scanArticleDir } from '../src/lib/kb/scan.ts';

const dir = process.argv[2] ? path.resolve(process.argv[2]) : resolveConfig(undefined, { root: path.resolve(import.meta.dirname, '..') }).contentDir;
const started = performance.now();
const { count, issues } = await scanArticleDir(dir, () => {});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (issues.length > 0) {
  console.error(formatIssues(issues));
  console.error(`validate: ${count} good, ${issues.length} bad, in ${dir} (${seconds} s)`);
  process.exit(1);
}
console.log(`validate: ${count} articles, all good, in ${dir} (${seconds} s)`);
