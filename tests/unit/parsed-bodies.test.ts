/**
 * The loader's parsed bodies, kept for the article pages (parsed-bodies.ts) in
 * a real file: a page gets exactly the body the loader parsed, once, and none
 * for an article the loader did not read; and a body rendered from that parse
 * is the page a parse of the file gives.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyStore, openBodies } from '../../src/integrations/article-files/parsed-bodies.ts';
import { prepareBody, type PreparedBody } from '../../src/lib/kb/body.ts';
import { listArticleFiles } from '../../src/lib/kb/scan.ts';
import { parseArticleBody } from '../../src/lib/kb/source.ts';
import { createBodyRenderer } from '../../src/markdown/render.ts';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const body = (text: string, extra: Partial<PreparedBody> = {}): PreparedBody => ({
  blocks: [{ type: 'paragraph', text }],
  summary: text.slice(0, 20),
  ...extra,
});

describe('the parsed bodies', () => {
  it('give each page the body the loader parsed, byte offsets right past multi-byte text, once', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kb-bodies-'));
    const file = path.join(dir, 'bodies.json');
    const store = openBodies(file);
    expect(bodyStore()).toBe(store);
    // More than a write's batch, and the last ones not yet written when first taken.
    const kept = Array.from({ length: 150 }, (_, i) => [`Q${i + 1}`, body(`Ärger № ${i} — “quoted” 😀 ${'x'.repeat(i)}`)] as const);
    kept[7]![1].fallback = 'the body parser failed (test), so the body is shown as plain text';
    for (const [id, b] of kept) store.add(id, JSON.stringify(b));
    expect(store.take('Q150')).toEqual(kept[149]![1]);
    store.flush();
    expect(kept.slice(0, 149).map(([id]) => store.take(id))).toEqual(kept.slice(0, 149).map(([, b]) => b));
    expect(store.taken).toBe(kept.length);
    // Taken once: a second ask, like one for an article the loader did not read, gets nothing.
    expect(store.take('Q1')).toBeUndefined();
    expect(store.take('Q404')).toBeUndefined();
    store.close();
    expect(existsSync(file)).toBe(false);
    expect(bodyStore(), 'a closed store is no longer on globalThis').toBeUndefined();
  });
});

describe('a body rendered from the loader parse', () => {
  const render = createBodyRenderer({ hrefFor: (id) => (id === 'Q192493' ? `/kb/192/${id}/` : undefined) });
  const files = listArticleFiles(path.resolve('content'));

  it.each(files.map((f) => [path.basename(path.dirname(f)), f]))('%s: is what a parse of its file gives', (_, file) => {
    const lines = parseArticleBody(readFileSync(file, 'utf8'), file);
    // Through JSON, as the store keeps it.
    const prepared = JSON.parse(JSON.stringify(prepareBody(lines))) as PreparedBody;
    expect(render(prepared)).toEqual(render(lines));
  });

  it('keeps a parser failure for the page to report', () => {
    const failed = { blocks: [{ type: 'pre' as const, text: 'a < b' }], fallback: 'the body parser failed (x)', summary: '' };
    expect(render(failed)).toMatchObject({ html: '<pre><code>a &#x3C; b</code></pre>', fallback: 'the body parser failed (x)' });
  });
});
