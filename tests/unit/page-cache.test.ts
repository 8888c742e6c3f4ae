import { existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkPageCache } from '../../src/integrations/page-cache.ts';

describe('linkPageCache', () => {
  const setUp = () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kb-page-cache-'));
    return { cacheDir: path.join(root, 'cache'), outDir: path.join(root, 'dist'), link: path.join(root, 'cache', 'dist') };
  };

  it('replaces a folder of page copies left by an older build with a link to the output folder', () => {
    const { cacheDir, outDir, link } = setUp();
    mkdirSync(path.join(link, 'kb/192/Q192493'), { recursive: true });
    writeFileSync(path.join(link, 'kb/192/Q192493/index.html'), 'old copy');
    writeFileSync(path.join(cacheDir, 'data-store.json'), '{}');
    linkPageCache(cacheDir, outDir);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(realpathSync(link)).toBe(realpathSync(outDir));
    expect(existsSync(path.join(outDir, 'kb'))).toBe(false);
    // The rest of the cache stays.
    expect(existsSync(path.join(cacheDir, 'data-store.json'))).toBe(true);
  });

  it('keeps a link that is right, and mends one whose output folder moved', () => {
    const { cacheDir, outDir, link } = setUp();
    linkPageCache(cacheDir, outDir);
    writeFileSync(path.join(outDir, 'page.html'), 'page');
    linkPageCache(cacheDir, outDir);
    expect(existsSync(path.join(link, 'page.html'))).toBe(true);
    rmSync(outDir, { recursive: true });
    const elsewhere = path.join(path.dirname(outDir), 'public-html');
    linkPageCache(cacheDir, elsewhere);
    expect(realpathSync(link)).toBe(realpathSync(elsewhere));
  });
});
