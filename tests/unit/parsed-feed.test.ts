/**
 * The loader's parsed articles, handed to the build's worker (parsed-feed.ts),
 * over a real MessageChannel: a scan that gets every file from the feed reads
 * none (here they are deleted first), and one that does not get a file reads
 * it itself once the feed ends.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBodies } from '../../src/integrations/article-files/parsed-bodies.ts';
import { FeedReceiver, feedSender, openFeed } from '../../src/integrations/article-files/parsed-feed.ts';
import { prepareBody, type PreparedBody } from '../../src/lib/kb/body.ts';
import { listArticleFiles, scanArticleDir, type ScannedArticle } from '../../src/lib/kb/scan.ts';

const content = path.resolve('content');
let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A copy of the embedded articles, and what a plain scan of it gives. */
async function copyAndScan(): Promise<{ files: string[]; scanned: ScannedArticle[] }> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kb-feed-'));
  cpSync(content, dir, { recursive: true });
  const files = listArticleFiles(dir);
  const scanned: ScannedArticle[] = [];
  await scanArticleDir(dir, (a) => void scanned.push(a), { files });
  return { files, scanned };
}

describe('the parsed feed', () => {
  it('gives the worker every article the loader parsed, bodies parsed too, so none is read or parsed again', async () => {
    const { files, scanned } = await copyAndScan();
    expect(files.length).toBeGreaterThan(2);
    // The build's store of the same bodies, for the article pages.
    const store = openBodies(path.join(dir, 'bodies.json'));
    const { port, end } = openFeed();
    const sender = feedSender()!;
    expect(feedSender(), 'one loader takes the feed').toBeUndefined();
    for (const article of scanned) sender.send(article);
    sender.end();
    end();
    // Deleted: a scan that read any of them would fail.
    for (const file of files) rmSync(file);
    const receiver = new FeedReceiver(port);
    const got: ScannedArticle[] = [];
    const { count, issues } = await scanArticleDir(dir, (a) => void got.push(a), { files, parsed: receiver });
    expect(issues).toEqual([]);
    expect(count).toBe(files.length);
    expect(receiver.taken).toBe(files.length);
    expect(got.map((a) => a.raw)).toEqual(files.map(() => undefined));
    const prepared = scanned.map((a) => JSON.parse(JSON.stringify(prepareBody(a.bodyLines))) as PreparedBody);
    expect(got.map(({ fields, body, bodyLine }) => ({ fields, body, bodyLine }))).toEqual(
      scanned.map(({ fields, bodyLine }, i) => ({ fields, body: prepared[i], bodyLine })),
    );
    expect(scanned.map((a) => store.take(a.fields.id))).toEqual(prepared);
    store.close();
  });

  it('leaves the files the loader did not send to the worker, which reads them once the feed ends', async () => {
    const { files, scanned } = await copyAndScan();
    const { port, end } = openFeed();
    const sender = feedSender()!;
    // A second build's loader: only the first article changed.
    sender.send(scanned[0]!);
    sender.end();
    const receiver = new FeedReceiver(port);
    const got: ScannedArticle[] = [];
    const scan = scanArticleDir(dir, (a) => void got.push(a), { files, parsed: receiver });
    end();
    const { count } = await scan;
    expect(count).toBe(files.length);
    expect(receiver.taken).toBe(1);
    expect(got[0]!.raw).toBeUndefined();
    expect(got.slice(1).every((a) => typeof a.raw === 'string')).toBe(true);
    expect(got.map((a) => a.fields)).toEqual(scanned.map((a) => a.fields));
  });

  it('does not keep the worker waiting for a file the loader skipped, once a later one has come', async () => {
    const { scanned } = await copyAndScan();
    // 65 files in order; the loader found the second bad (or unchanged) and sent the other 64: one message, no end yet.
    const names = Array.from({ length: 65 }, (_, i) => `/feed/${String(i).padStart(3, '0')}.md`);
    const article = (file: string): ScannedArticle => ({ ...scanned[0]!, fields: { ...scanned[0]!.fields, file } });
    const { port, end } = openFeed();
    const sender = feedSender()!;
    const receiver = new FeedReceiver(port);
    receiver.expect(names);
    const skipped = receiver.take(names[1]!);
    for (const name of names) if (name !== names[1]) sender.send(article(name));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5000));
    expect(await Promise.race([skipped, timeout])).toBeUndefined();
    expect((await receiver.take(names[64]!))?.fields.file).toBe(names[64]);
    end();
  });

  it('lets go of articles the worker does not expect, and answers undefined after the end', async () => {
    const { scanned } = await copyAndScan();
    const [a, b] = scanned;
    const { port, end } = openFeed();
    const sender = feedSender()!;
    const receiver = new FeedReceiver(port);
    receiver.expect([a!.fields.file]);
    sender.send(a!);
    sender.send(b!);
    sender.end();
    expect((await receiver.take(a!.fields.file))?.fields.id).toBe(a!.fields.id);
    end();
    expect(await receiver.take(b!.fields.file)).toBeUndefined();
    expect(receiver.taken).toBe(1);
  });
});
