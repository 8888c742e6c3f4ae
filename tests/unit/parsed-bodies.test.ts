/**
 * The worker's parsed bodies, handed to the article pages (parsed-bodies.ts)
 * over a real MessageChannel and file: a page gets exactly the body the worker
 * parsed, waits for one not yet sent, and is told when one will not come; and
 * a body rendered from the worker's parse is the page a parse of the file gives.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyWriter, openBodies, preparedBody, type PreparedBody } from '../../src/integrations/article-files/parsed-bodies.ts';
import { parseBody } from '../../src/lib/kb/body.ts';
import { listArticleFiles } from '../../src/lib/kb/scan.ts';
import { parseArticleBody } from '../../src/lib/kb/source.ts';
import { summaryOf } from '../../src/lib/kb/summary.ts';
import { createBodyRenderer } from '../../src/markdown/render.ts';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A hand-over in a scratch folder: the worker's writer and the pages' reader. */
function handOver() {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kb-bodies-'));
  const file = path.join(dir, 'bodies.json');
  const { port, reader } = openBodies(file);
  return { file, reader, writer: new BodyWriter(file, port) };
}

const body = (text: string, extra: Partial<PreparedBody> = {}): PreparedBody => ({
  blocks: [{ type: 'paragraph', text }],
  summary: text.slice(0, 20),
  ...extra,
});

describe('the parsed bodies', () => {
  it('give each page the body the worker parsed, byte offsets right past multi-byte text, once', async () => {
    const { file, reader, writer } = handOver();
    // More than a batch, so some places come in a later message than others.
    const sent = Array.from({ length: 150 }, (_, i) => [`Q${i + 1}`, body(`Ärger № ${i} — “quoted” 😀 ${'x'.repeat(i)}`)] as const);
    sent[7]![1].fallback = 'the body parser failed (test), so the body is shown as plain text';
    for (const [id, b] of sent) writer.add(id, b);
    writer.end();
    const got = await Promise.all(sent.map(([id]) => preparedBody(id)));
    expect(got).toEqual(sent.map(([, b]) => b));
    expect(reader.taken).toBe(sent.length);
    // Taken once: a second ask is for a body that is no longer there.
    expect(await reader.take('Q1')).toBeUndefined();
    reader.close();
    expect(existsSync(file)).toBe(false);
    expect(preparedBody('Q2'), 'a closed hand-over is no longer on globalThis').toBeUndefined();
  });

  it('keeps a page waiting for a body not yet sent, and tells it once the worker is done that it will not come', async () => {
    const { reader, writer } = handOver();
    const early = reader.take('Q2');
    const never = reader.take('Q404');
    let settled = false;
    void never.then(() => (settled = true));
    writer.add('Q2', body('second'));
    // Still in this batch: the worker has not flushed it yet.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    writer.end();
    expect(await early).toEqual(body('second'));
    expect(await never).toBeUndefined();
    reader.close();
  });

  it('ends every wait when the worker stops without a word', async () => {
    const { reader } = handOver();
    const waiting = reader.take('Q1');
    reader.end();
    expect(await waiting).toBeUndefined();
    reader.close();
  });
});

describe('a body rendered from the worker parse', () => {
  const render = createBodyRenderer({ hrefFor: (id) => (id === 'Q192493' ? `/kb/192/${id}/` : undefined) });
  const files = listArticleFiles(path.resolve('content'));

  it.each(files.map((f) => [path.basename(path.dirname(f)), f]))('%s: is what a parse of its file gives', (_, file) => {
    const lines = parseArticleBody(readFileSync(file, 'utf8'), file);
    const parsed = parseBody(lines);
    // Through JSON, as the file carries it.
    const prepared = JSON.parse(JSON.stringify({ ...parsed, summary: summaryOf(parsed.blocks) })) as PreparedBody;
    expect(render(prepared)).toEqual(render(lines));
  });

  it('keeps a parser failure for the page to report', () => {
    const failed = { blocks: [{ type: 'pre' as const, text: 'a < b' }], fallback: 'the body parser failed (x)', summary: '' };
    expect(render(failed)).toMatchObject({ html: '<pre><code>a &#x3C; b</code></pre>', fallback: 'the body parser failed (x)' });
  });
});
