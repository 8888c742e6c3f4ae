import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prune, takePublished } from '../../src/integrations/article-files/prune.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An output folder with these files (relative paths), and a list file beside it. */
function site(files: string[]): { out: string; list: string; add: (f: string) => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kb-prune-'));
  dirs.push(root);
  const out = path.join(root, 'dist');
  const add = (f: string) => {
    mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    writeFileSync(path.join(out, f), 'x');
  };
  files.forEach(add);
  return { out, list: path.join(root, 'published.txt'), add };
}

/** One build: what was published is taken as it starts, then new files are written, then it prunes. */
function build(out: string, list: string, keep: string[], write: () => void = () => {}): number {
  const published = takePublished(out, list);
  write();
  return prune(out, new Set(keep), published, list);
}

const kept = ['kb/900/Q900001/index.html', 'kb/900/Q900001.json', 'Q900001/index.html', 'index.html'];
const other = ['kb/900/Q900002/index.html', 'kb/900/Q900002.json', 'Q900002/index.html'];

describe('prune', () => {
  it('walks a folder it has no list for, and removes what the build did not publish with its emptied folder', () => {
    const { out, list } = site([...kept, ...other, 'kb/900/notes.txt']);
    expect(build(out, list, kept)).toBe(3);
    for (const f of other) expect(existsSync(path.join(out, f))).toBe(false);
    expect(existsSync(path.join(out, 'Q900002'))).toBe(false);
    expect(existsSync(path.join(out, 'kb/900/Q900002'))).toBe(false);
    // Not a page or JSON file: not the site's to remove.
    expect(existsSync(path.join(out, 'kb/900/notes.txt'))).toBe(true);
    for (const f of kept) expect(existsSync(path.join(out, f))).toBe(true);
  });

  it('then removes what the last build published and this one does not, from its list', () => {
    const { out, list, add } = site(kept);
    expect(build(out, list, kept)).toBe(0);
    expect(build(out, list, [...kept, ...other], () => other.forEach(add))).toBe(0);
    // The list, not a walk: a file no build published stays, one the last build published goes.
    add('kb/900/stray.html');
    expect(build(out, list, kept)).toBe(3);
    for (const f of other) expect(existsSync(path.join(out, f))).toBe(false);
    expect(existsSync(path.join(out, 'kb/900/stray.html'))).toBe(true);
  });

  it('walks after a build that stopped before pruning: what it wrote is on no list', () => {
    const { out, list, add } = site(kept);
    expect(build(out, list, kept)).toBe(0);
    // A build starts, adds Q900002's files, and stops.
    takePublished(out, list);
    other.forEach(add);
    // The next build, without Q900002, removes them.
    expect(build(out, list, kept)).toBe(3);
    for (const f of other) expect(existsSync(path.join(out, f))).toBe(false);
  });

  it('walks nothing when the output folder had none of the site when the build started', () => {
    const { out, list, add } = site(['index.html']);
    expect(takePublished(out, list)).toEqual({ kind: 'empty' });
    expect(build(out, list, kept, () => kept.forEach(add))).toBe(0);
  });

  it('does not trust a list made for another output folder', () => {
    const { out, list } = site(kept);
    const elsewhere = site(kept);
    expect(build(out, list, kept)).toBe(0);
    expect(takePublished(elsewhere.out, list)).toEqual({ kind: 'unknown' });
  });
});
