import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfiles } from '../../scripts/lib/build-profile.ts';
import { astroBuild, repoRoot } from './astro.ts';

describe('second builds', () => {
  it('keep unchanged pages and remove what the content no longer has', () => {
    const content = mkdtempSync(path.join(os.tmpdir(), 'kb-content-'));
    const out = mkdtempSync(path.join(os.tmpdir(), 'kb-out-'));
    cpSync(path.join(repoRoot, 'content'), content, { recursive: true });
    const writeLog = `${out}.writes.json`;
    const first = astroBuild(content, out, [], { NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'count-writes.ts')}`, KB_WRITE_LOG: writeLog });
    expect(first.status, first.output).toBe(0);
    expect(first.output).not.toMatch(/each page is written twice/);
    // Every article page took its body from the worker's parse, not from its file (parsed-bodies.ts).
    expect(first.output).toMatch(/, (\d+) articles read \(\1 parsed by the loader, \1 bodies taken by their pages\)/);
    // Astro's copy of each page for its cache is the page itself (see below): each is written once.
    const realOut = realpathSync(out);
    const pageWrites = Object.entries(JSON.parse(readFileSync(writeLog, 'utf8')) as Record<string, number>).filter(([f]) => f.startsWith(realOut) && f.endsWith('.html'));
    expect(pageWrites.length).toBeGreaterThan(10);
    expect(pageWrites.filter(([, times]) => times !== 1)).toEqual([]);
    const gone = ['kb/900/Q900006/index.html', 'kb/900/Q900006.json', 'Q900006/index.html'];
    for (const f of gone) expect(existsSync(path.join(out, f))).toBe(true);

    rmSync(path.join(content, 'kb/900/Q900006'), { recursive: true });
    // What an older build with other scripts or styles left in _astro/.
    const staleAsset = path.join(out, '_astro/BaseLayout.0ld5tyle.css');
    writeFileSync(staleAsset, 'body{}');
    utimesSync(staleAsset, new Date('2026-01-01'), new Date('2026-01-01'));
    const second = astroBuild(content, out);
    expect(second.status).toBe(0);
    // Q900006 was Q900005's next article, so that page changes; Q192493's does too (it lost a citation).
    expect(second.output).toMatch(/\/kb\/010\/Q10001\/index\.html \(cached\)/);
    expect(second.output).not.toMatch(/\/kb\/900\/Q900005\/index\.html \(cached\)/);
    for (const f of gone) expect(existsSync(path.join(out, f))).toBe(false);
    expect(existsSync(path.join(out, 'kb/900/Q900005/index.html'))).toBe(true);
    // The old asset is gone; the ones a kept page names are there.
    expect(existsSync(staleAsset)).toBe(false);
    const assets = [...readFileSync(path.join(out, 'kb/010/Q10001/index.html'), 'utf8').matchAll(/\/(_astro\/[^"'?#)\s]+)/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(existsSync(path.join(out, asset)), asset).toBe(true);

    // Astro's incremental cache keeps no second copy of each page: its folder is the output folder.
    const cachedPages = path.join(`${out}.astro-cache`, 'dist');
    expect(lstatSync(cachedPages).isSymbolicLink()).toBe(true);
    expect(realpathSync(cachedPages)).toBe(realpathSync(out));
    // So a page deleted from the output is rendered again, not restored from a copy or left out:
    // from its file this time (no article changed, so the worker parsed none), as the first build's was from the worker's parse.
    const page = path.join(out, 'kb/010/Q10001/index.html');
    const before = readFileSync(page, 'utf8');
    rmSync(page);
    const third = astroBuild(content, out);
    expect(third.status).toBe(0);
    expect(third.output).toMatch(/no article changed/);
    expect(third.output).not.toMatch(/\/kb\/010\/Q10001\/index\.html \((cached|restored)\)/);
    expect(third.output).toMatch(/\/kb\/192\/Q192493\/index\.html \(cached\)/);
    expect(readFileSync(page, 'utf8')).toBe(before);

    // The build profile: the main thread's phases and the worker's, each with its CPU time.
    const profiles = new Map(parseProfiles(second.output).map((p) => [p.thread, p.phases]));
    expect([...(profiles.keys())].sort()).toEqual(['main thread', 'worker']);
    expect(Object.keys(profiles.get('main thread')!)).toEqual(['start-up', 'content sync', 'bundle and pages', 'finish']);
    expect(Object.keys(profiles.get('worker')!)).toEqual(['articles', 'search index']);
    // Figures are rounded to 10 ms: the worker, with one article to read, may round to no CPU at all.
    for (const phases of profiles.values()) {
      for (const p of Object.values(phases)) expect(Math.min(p.wall, p.user, p.system)).toBeGreaterThanOrEqual(0);
      expect(Object.values(phases).reduce((wall, p) => wall + p.wall, 0)).toBeGreaterThan(0);
    }
    const main = Object.values(profiles.get('main thread')!);
    expect(main.reduce((cpu, p) => cpu + p.user + p.system, 0)).toBeGreaterThan(0);
  });
});
