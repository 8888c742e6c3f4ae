/**
 * The incremental search index (src/lib/search/delta.ts) in the browser: after
 * a full build, one article is edited, one added in a new bucket and one
 * deleted; the second build indexes only those beside the base, and search
 * shows every change and nothing of what is gone.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchTable } from '../../src/lib/search/table.ts';
import { astroBuild, repoRoot } from '../build/astro.ts';
import { launchBrowser } from './browser.ts';
import { serveStatic, type StaticServer } from './server.ts';

const ADDED = `---
layout: page
title: "Q901234: Wombat Print Spool Stops After Setup"
permalink: /kb/901/Q901234/
---

## Q901234: Wombat Print Spool Stops After Setup

{% raw %}

	Article: Q901234
	Product(s): Microsoft Windows NT
	Version(s): 4.0
	Operating System(s): WINNT
	Keyword(s): kbprint
	Last Modified: 02-MAR-1999
	
	SYMPTOMS
	========
	
	After Setup, the print spool stops and a flibbertigibbet message appears.

{% endraw %}
`;

let content: string;
let site: string;
let secondBuild: string;
/** The same final content built from nothing. */
let cold: string;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  content = mkdtempSync(path.join(os.tmpdir(), 'kb-delta-content-'));
  cpSync(path.join(repoRoot, 'content'), content, { recursive: true });
  cpSync(path.join(repoRoot, 'tests/fixtures/search/kb'), path.join(content, 'kb'), { recursive: true });
  site = mkdtempSync(path.join(os.tmpdir(), 'kb-delta-site-'));
  const first = astroBuild(content, site);
  if (first.status !== 0) throw new Error(`the first build failed:\n${first.output}`);

  const edited = path.join(content, 'kb/900/Q900005/README.md');
  writeFileSync(
    edited,
    readFileSync(edited, 'utf8')
      .replaceAll('Stray Bytes<A0>and CRLF', 'Stray Quokka Bytes<A0>and CRLF')
      .replace('a curly apostrophe', 'a zyzzogeton marmalade'),
  );
  mkdirSync(path.join(content, 'kb/901'));
  writeFileSync(path.join(content, 'kb/901/Q901234.md'), ADDED);
  rmSync(path.join(content, 'kb/900/Q900006'), { recursive: true });
  const second = astroBuild(content, site);
  if (second.status !== 0) throw new Error(`the second build failed:\n${second.output}`);
  secondBuild = second.output;
  cold = mkdtempSync(path.join(os.tmpdir(), 'kb-delta-cold-'));
  const coldBuild = astroBuild(content, cold);
  if (coldBuild.status !== 0) throw new Error(`the cold build failed:\n${coldBuild.output}`);

  server = await serveStatic(site);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [content, site, `${site}.astro-cache`, cold, `${cold}.astro-cache`]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The result ids and the result count text for a search from the address bar. */
async function search(q: string): Promise<{ ids: string[]; count: string; page: Page }> {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/search/?q=${encodeURIComponent(q)}`);
  const count = page.locator('kb-search [data-count]');
  await expect.poll(() => count.textContent(), { timeout: 15_000 }).toContain(`“${q}”`);
  return { ids: await page.locator('kb-search .search-result-id').allTextContents(), count: (await count.textContent()) ?? '', page };
}

/** Every file below `dir` but the search index and the bundled assets (named by content hash), relative. */
function siteFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((rel) => !/^(pagefind|_astro)\//.test(rel))
    .sort();
}

describe('a second build', () => {
  it('publishes the same site as a build from nothing, reading only the changed articles', () => {
    expect(secondBuild).toMatch(/JSON documents and short links, 2 articles read \(2 parsed by the loader, 2 bodies taken by their pages\), in [\d.]+ s \(\d+ files written, 3 stale removed\)/);
    const files = siteFiles(cold);
    expect(siteFiles(site)).toEqual(files);
    for (const rel of files) expect(readFileSync(path.join(site, rel), 'utf8'), rel).toBe(readFileSync(path.join(cold, rel), 'utf8'));
  });
});

describe('an incremental search index', () => {
  it('indexes only the changed articles beside the base', () => {
    expect(secondBuild).toMatch(/search index: \d+ articles in \d+ records, 2 changed or added indexed beside the base \(2 base articles hidden\)/);
    const table = JSON.parse(readFileSync(path.join(site, 'pagefind/kb-search.json'), 'utf8')) as SearchTable;
    expect(table.delta?.numbers).toEqual([900005, 901234]);
    // Bucket 900 lost Q900006: its base number list is kept for the base's article indexes.
    expect(table.delta?.bucketNumbers['900']).toContain(900006);
  });

  it('finds an edited article by its new words only', async () => {
    const added = await search('zyzzogeton');
    expect(added.ids).toEqual(['Q900005']);
    expect(await added.page.locator('kb-search .search-result-title').first().textContent()).toContain('Quokka');
    // Other articles have longer words "curly" begins as Pagefind stems it (cur-): only the edited one must go.
    const gone = await search('curly');
    expect(gone.ids).not.toContain('Q900005');
    for (const { page } of [added, gone]) await page.close();
  });

  it('finds an added article by its words and its number', async () => {
    const byWord = await search('flibbertigibbet');
    expect(byWord.ids).toEqual(['Q901234']);
    const byNumber = await search('901234');
    expect(byNumber.ids[0]).toBe('Q901234');
    for (const { page } of [byWord, byNumber]) await page.close();
  });

  it('no longer finds a deleted article', async () => {
    const { ids, page } = await search('diagram');
    expect(ids).not.toContain('Q900006');
    await page.close();
  });

  it('shows no article for a word only a shortening of it matches in one of the two indexes', async () => {
    // The delta has "spool" but no word beginning "spooler": Pagefind would match "spool" there.
    const { ids, page } = await search('spooler');
    expect(ids.sort()).toEqual(['Q900001', 'Q900013']);
    await page.close();
  });
});
