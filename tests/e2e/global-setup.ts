import { chromiumPath } from '../../scripts/lib/chromium.ts';
import buildFixtureSites from '../build/global-setup.ts';

/**
 * Builds the fixture sites (as the build tests do), and finds the browser once:
 * unpacking the npm-shipped Chromium from several test files at the same time
 * would race, so the test files get its path in CHROMIUM_PATH.
 */
export default async function setup() {
  buildFixtureSites();
  const { path, from } = await chromiumPath();
  if (from !== 'CHROMIUM_PATH') console.log(`browser tests: Chromium from ${from} (${path})`);
  process.env.CHROMIUM_PATH = path;
}
