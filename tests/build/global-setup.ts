import { rmSync } from 'node:fs';
import path from 'node:path';
import { astroBuild, BASE_PATH, baseSiteConfig, baseSiteDir, fixtureSiteDir, repoRoot } from './astro.ts';

/**
 * Builds the embedded default content twice per test run, for the build and
 * browser tests: as it is, and as another team's site (its own config file)
 * served under a sub-path.
 */
export default function setup() {
  // Both projects name this setup; the first one to run builds.
  if (process.env.KB_FIXTURE_SITE_BUILT) return;
  const content = path.join(repoRoot, 'content');
  for (const [dir, args, env] of [
    [fixtureSiteDir, [], {}],
    [baseSiteDir, ['--base', BASE_PATH], { KB_CONFIG: baseSiteConfig }],
  ] as const) {
    rmSync(dir, { recursive: true, force: true });
    const run = astroBuild(content, dir, [...args], env);
    if (run.status !== 0) throw new Error(`building the fixture site ${path.basename(dir)} failed:\n${run.output}`);
  }
  process.env.KB_FIXTURE_SITE_BUILT = '1';
}
