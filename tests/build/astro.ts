/** Runs `astro build` in a child process, as a user would, and reports what it printed. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface BuildRun {
  status: number;
  output: string;
}

export function astroBuild(contentDir: string, outDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): BuildRun {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir, ...extraArgs], {
    cwd: repoRoot,
    env: { ...process.env, KB_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status ?? 1, output: `${run.stdout}${run.stderr}` };
}

/** Where the fixture site (content/) is built for the build tests. */
export const fixtureSiteDir = path.join(repoRoot, 'node_modules/.cache/kb-tests/site');
