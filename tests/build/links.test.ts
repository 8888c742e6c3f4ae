import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSiteLinks } from '../../scripts/lib/links.ts';
import { checkBuiltLinks } from '../../scripts/lib/site-links.ts';
import { fixtureSiteDir } from './astro.ts';

describe('internal links', () => {
  it('has no broken link or fragment anywhere on the fixture site', async () => {
    const { checked, broken } = await checkSiteLinks(fixtureSiteDir);
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('has none by the file-based check the whole archive uses either', async () => {
    const { pages, checked, broken } = await checkBuiltLinks(fixtureSiteDir);
    expect(broken).toEqual([]);
    expect(pages).toBeGreaterThan(20);
    expect(checked).toBeGreaterThan(200);
  });

  it('would report a broken fragment and a broken page link, by either check', async () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'kb-links-'));
    cpSync(fixtureSiteDir, copy, { recursive: true });
    appendFileSync(path.join(copy, 'kb/010/Q10001/index.html'), '<a href="/kb/192/Q192493/#no-such-section">x</a><a href="/kb/999/">y</a>');
    for (const { broken } of [await checkSiteLinks(copy), await checkBuiltLinks(copy)]) {
      expect(broken.map((b) => b.url).sort()).toEqual(expect.arrayContaining([expect.stringContaining('#no-such-section'), expect.stringContaining('/kb/999/')]));
    }
  });
});
