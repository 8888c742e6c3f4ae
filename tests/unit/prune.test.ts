import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetPruned, pruneChanged } from '../../src/integrations/article-files/prune.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An output folder with these files (relative paths), and a stamp file beside it. */
function site(files: string[]): { out: string; stamp: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kb-prune-'));
  dirs.push(root);
  const out = path.join(root, 'dist');
  for (const f of files) {
    mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    writeFileSync(path.join(out, f), 'x');
  }
  return { out, stamp: path.join(root, 'pruned.sha256') };
}

describe('pruneChanged', () => {
  const kept = ['kb/900/Q900001/index.html', 'kb/900/Q900001.json', 'Q900001/index.html', 'index.html'];

  it('removes what the build did not publish, and walks again only when the published files change', () => {
    const { out, stamp } = site([...kept, 'kb/900/Q900002/index.html', 'Q900002/index.html']);
    expect(pruneChanged(out, new Set(kept), stamp)).toBe(2);
    expect(existsSync(path.join(out, 'Q900002/index.html'))).toBe(false);
    expect(existsSync(path.join(out, 'kb/900/Q900001/index.html'))).toBe(true);
    // Another build publishing the same files: nothing can be stale, and nothing is walked.
    writeFileSync(path.join(out, 'kb/900/stray.html'), 'x');
    expect(pruneChanged(out, new Set(kept), stamp)).toBeUndefined();
    // A build publishing other files walks again.
    expect(pruneChanged(out, new Set(kept.slice(1)), stamp)).toBe(2);
    expect(existsSync(path.join(out, 'kb/900/stray.html'))).toBe(false);
  });

  it('walks after a build that stopped between moving its files in and pruning', () => {
    const { out, stamp } = site(kept);
    expect(pruneChanged(out, new Set(kept), stamp)).toBe(0);
    forgetPruned(stamp);
    // Moved in by the build that stopped: the next build, with the same files as the last, removes it.
    writeFileSync(path.join(out, 'kb/900/Q900003.json'), 'x');
    expect(pruneChanged(out, new Set(kept), stamp)).toBe(1);
  });
});
