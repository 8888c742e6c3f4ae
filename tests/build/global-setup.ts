import { rmSync } from 'node:fs';
import path from 'node:path';
import { astroBuild, fixtureSiteDir, repoRoot } from './astro.ts';

/** Builds the embedded default content once for every build test. */
export default function setup() {
  rmSync(fixtureSiteDir, { recursive: true, force: true });
  const run = astroBuild(path.join(repoRoot, 'content'), fixtureSiteDir);
  if (run.status !== 0) throw new Error(`building the fixture site failed:\n${run.output}`);
}
