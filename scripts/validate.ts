/**
 * npm run validate [dir]
 *
 * Checks a folder of articles the way the build loads them, without building:
 * every bad file is listed with its line and reason; exit status 1 if any.
 * Default folder: KB_CONTENT_DIR, else content/.
 */
import { contentDir } from '../src/lib/content-dir.ts';
import { formatIssues } from '../src/lib/kb/errors.ts';
import { scanArticleDir } from '../src/lib/kb/scan.ts';

const dir = process.argv[2] ? contentDir({ KB_CONTENT_DIR: process.argv[2] }) : contentDir();
const started = performance.now();
const { count, issues } = await scanArticleDir(dir, () => {});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (issues.length > 0) {
  console.error(formatIssues(issues));
  console.error(`validate: ${count} good, ${issues.length} bad, in ${dir} (${seconds} s)`);
  process.exit(1);
}
console.log(`validate: ${count} articles, all good, in ${dir} (${seconds} s)`);
