import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProfile, parseProfiles } from '../../scripts/lib/build-profile.ts';
import { EDIT_MARK, editArticle, renumberArticle } from '../../scripts/lib/bench-changes.ts';
import { threadRole } from '../../scripts/lib/proc.ts';
import { parseArticleSource } from '../../src/lib/kb/source.ts';

const example = readFileSync(path.join(import.meta.dirname, '../../content/kb/192/Q192493.md'), 'utf8');

describe("the bench's one-article changes", () => {
  it('edits the title and the body, and the result still parses', () => {
    const edited = parseArticleSource(editArticle(example, 'Q192493'), 'Q192493.md');
    expect(edited.title).toBe("XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key (edited)");
    expect(edited.bodyLines.join('\n')).toContain(EDIT_MARK);
  });

  it('fails loudly on a file it cannot edit', () => {
    expect(() => editArticle('no front matter', 'Q1')).toThrow(/Q1: found no title/);
  });

  it('renumbers an article, permalink included', () => {
    const moved = parseArticleSource(renumberArticle(example, 'Q192493', 'Q999001'), '999/Q999001.md');
    expect(moved.id).toBe('Q999001');
    expect(moved.bucket).toBe('999');
  });
});

describe('the build profile', () => {
  it('names threads by role', () => {
    expect(threadRole('MainThread', 'MainThread')).toBe('main thread');
    expect(threadRole('MainThread', 'kb-files')).toBe('worker');
    expect(threadRole('pagefind_extend', 'pagefind_extend')).toBe('pagefind');
    expect(threadRole('MainThread', 'V8Worker')).toBe('V8 helpers');
    expect(threadRole('MainThread', 'libuv-worker')).toBe('libuv pool');
  });

  it('reads the profile lines of a build log and tabulates them', () => {
    const log = [
      '12:00:01 [kb-article-files] profile: {"thread":"worker","phases":{"articles":{"wall":4,"user":2,"system":1}}}',
      // Cut short, as a killed build leaves it: left out.
      '12:00:02 [kb-build-profile] profile: {"thread":"main thread","phases":{"pages":{"wall":9,"us',
    ].join('\n');
    const profiles = parseProfiles(log);
    expect(profiles).toEqual([{ thread: 'worker', phases: { articles: { wall: 4, user: 2, system: 1 } } }]);
    const rows = formatProfile(profiles, { worker: { user: 2.5, system: 1 }, pagefind: { user: 9, system: 3 } });
    expect(rows).toContain('| worker | articles | 4.0 | 2.0 | 1.0 |');
    expect(rows.at(-1)).toBe('| all | total | | 11.5 | 4.0 |');
    // Largest total first.
    expect(rows.indexOf('| pagefind | total | | 9.0 | 3.0 |')).toBeLessThan(rows.indexOf('| worker | total | | 2.5 | 1.0 |'));
  });
});
