/** Runs `astro build` in a child process, as a user would, and reports what it printed. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface BuildRun {
  status: number;
  output: string;
}

export function astroBuild(contentDir: string, outDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): BuildRun {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir, ...extraArgs], {
    cwd: repoRoot,
    // Each output folder gets its own Astro cache: builds running in parallel test files must not share an incremental manifest.
    env: { ...process.env, KB_CONTENT_DIR: contentDir, KB_CACHE_DIR: `${outDir}.astro-cache`, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // Colours are on in CI (CI=true): tests read the plain text.
  return { status: run.status ?? 1, output: stripVTControlCharacters(`${run.stdout}${run.stderr}`) };
}

/** Where the fixture site (content/) is built for the build tests. */
export const fixtureSiteDir = path.join(repoRoot, 'node_modules/.cache/kb-tests/site');

/** The same content built as another team's site: its own config file, served under a sub-path. */
export const baseSiteDir = path.join(repoRoot, 'node_modules/.cache/kb-tests/site-under-base');
export const BASE_PATH = '/support/kb/';
export const baseSiteConfig = path.join(repoRoot, 'tests/fixtures/site-config/kb-config.json');
