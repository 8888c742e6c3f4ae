/**
 * The browser for tests and the search probe, through playwright-core (which
 * cannot download one here). The first that exists: `CHROMIUM_PATH`, a system
 * Chromium or Chrome, else the one the `@sparticuz/chromium` dev dependency
 * ships (unpacked to the temp folder on first use). Launched with our own
 * flags: that package's defaults include `--single-process`, which breaks a
 * second browser context.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The browser binary to launch, and where it came from. */
export async function chromiumPath(env: Record<string, string | undefined> = process.env): Promise<{ path: string; from: string }> {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist`);
    return { path: env.CHROMIUM_PATH, from: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_BROWSERS.find((p) => existsSync(p));
  if (system) return { path: system, from: 'system' };
  const { default: packaged } = await import('@sparticuz/chromium');
  return { path: await packaged.executablePath(), from: '@sparticuz/chromium' };
}

export async function launchBrowser(): Promise<Browser> {
  const { path } = await chromiumPath();
  return chromium.launch({ executablePath: path, args: FLAGS });
}
