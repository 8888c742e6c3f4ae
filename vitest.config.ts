import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests make their scratch folders (sites, content copies, browser profiles) with os.tmpdir():
// one folder per run, which test workers and the builds they start inherit, removed when the run ends.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'kb-tests-'));
process.env.TMPDIR = scratch;
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

// Five projects, so a quick loop can run just one: `npx vitest --project unit`.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          // Builds the fixture site once; the tests read its HTML.
          globalSetup: ['tests/build/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // Mutated real articles through parser and renderer: KB_FUZZ_RUNS cases (300 here, 10,000 in `npm run test:fuzz`).
          name: 'fuzz',
          include: ['tests/fuzz/**/*.test.ts'],
          testTimeout: 3_600_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'corpus',
          include: ['tests/corpus/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
