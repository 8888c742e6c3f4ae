import { rmSync } from 'node:fs';
import path from 'node:path';
import { astroBuild, fixtureSiteDir, repoRoot } from './astro.ts';

/** Builds the embedded default content once per test run, for the build and browser tests. */
export default function setup() {
  // Both projects name this setup; the first one to run builds.
  if (process.env.KB_FIXTURE_SITE_BUILT) return;
  rmSync(fixtureSiteDir, { recursive: true, force: true });
  const run = astroBuild(path.join(repoRoot, 'content'), fixtureSiteDir);
  if (run.status !== 0) throw new Error(`building the fixture site failed:\n${run.output}`);
  process.env.KB_FIXTURE_SITE_BUILT = '1';
}
