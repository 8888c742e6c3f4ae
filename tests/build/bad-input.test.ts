import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroBuild, repoRoot } from './astro.ts';

const bad = path.join(repoRoot, 'tests/fixtures/bad-articles');
// Every bad file of the fixture folder, with the line the error must name.
const expected = [
  ['901/Q901001/README.md:1:', 'no front matter'],
  ['901/Q901002.md:1:', 'unclosed front matter'],
  ['901/Q901003.md:5:', 'broken YAML'],
  ['901/Q901005.md:4:', 'disagrees with the id Q901005'],
  ['901/Q901007.md:3:', '`title` must be a string'],
  ['901/Q901008.md:12:', 'is not a date'],
  ['901/Q901009.md:6:', "path names Q901009 but the article is Q901011"],
  ['dup/Q901006.md:1:', 'id Q901006 is used twice: also by tests/fixtures/bad-articles/901/Q901006/README.md'],
  ['notes.md:6:', 'no article id'],
] as const;

function expectEveryIssue(output: string) {
  expect(output).toContain(`${expected.length} bad article files:`);
  for (const [where, reason] of expected) {
    expect(output).toContain(`tests/fixtures/bad-articles/${where} `);
    expect(output.split('\n').find((l) => l.includes(where))).toContain(reason);
  }
}

describe('bad input', () => {
  it('npm run validate lists every bad file with its line and exits 1', () => {
    const run = spawnSync(process.execPath, ['scripts/validate.ts', bad], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expectEveryIssue(run.stderr);
    expect(run.stderr).toContain('2 good, 9 bad');
  });

  it('keep-going mode builds the good articles and lists the bad ones in a report', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kb-keep-'));
    const report = path.join(out, '..', `${path.basename(out)}-skipped.txt`);
    const run = astroBuild(bad, out, [], { KB_KEEP_GOING: '1', KB_REPORT_FILE: report });
    expect(run.status).toBe(0);
    expectEveryIssue(readFileSync(report, 'utf8'));
    expect(existsSync(path.join(out, 'kb/901/Q901010/index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'kb/901/Q901006/index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'kb/901/Q901005/index.html'))).toBe(false);
  });

  it('the build stops with one message that lists every bad file', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kb-bad-'));
    const run = astroBuild(bad, out);
    expect(run.status).not.toBe(0);
    expectEveryIssue(run.output);
  });
});
