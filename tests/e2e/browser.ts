/** The browser the tests drive; it lives with the scripts, which measure search with it too. */
export { launchBrowser } from '../../scripts/lib/chromium.ts';
