/**
 * The authoring loop: `astro dev` on a copy of content/ follows the folder. An
 * edited title, an added article and a deleted one (a file or a whole folder)
 * show on the next request, with no restart; a bad edit is reported with its
 * file and line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './astro.ts';

let dev: ChildProcess;
let origin = '';
let log = '';
const content = mkdtempSync(path.join(os.tmpdir(), 'kb-dev-content-'));

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let port = 0;
/**
 * Starts `astro dev` on the copy, with its own cache (kept between starts), and
 * waits until it listens. A restart keeps the port: the port is part of the
 * config whose change makes Astro clear its content store.
 */
async function startDev(): Promise<void> {
  port ||= await freePort();
  log = '';
  dev = spawn(process.execPath, [path.join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: repoRoot,
    // Without Vitest's own variables: with VITEST set, Astro's dev server routes no pages.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))), KB_CONTENT_DIR: content, KB_CACHE_DIR: `${content}.astro-cache`, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const collect = (chunk: Buffer) => (log += stripVTControlCharacters(chunk.toString()));
  dev.stdout!.on('data', collect);
  dev.stderr!.on('data', collect);
  // Ready once it prints its address.
  origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (!log.includes(origin)) {
    if (dev.exitCode !== null || Date.now() - started > 60_000) throw new Error(`astro dev did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopDev(): Promise<void> {
  if (!dev || dev.exitCode !== null) return;
  const exited = new Promise((resolve) => dev.once('exit', resolve));
  dev.kill();
  await exited;
}

beforeAll(async () => {
  cpSync(path.join(repoRoot, 'content'), content, { recursive: true });
  await startDev();
}, 90_000);
afterAll(async () => {
  await stopDev();
  rmSync(content, { recursive: true, force: true });
  rmSync(`${content}.astro-cache`, { recursive: true, force: true });
});

const get = async (p: string) => {
  const res = await fetch(origin + p);
  return { status: res.status, html: await res.text() };
};
const eventually = (check: () => Promise<unknown>) => expect.poll(check, { timeout: 20_000, interval: 250 });
const article = path.join(content, 'kb/900/Q900001/README.md');

describe('npm run dev', () => {
  it('serves an article', async () => {
    expect((await get('/kb/900/Q900001/')).html).toContain('<title>Q900001: ');
  });

  it('shows an edited title on the article and its listing', async () => {
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^title: .*$/m, 'title: "Q900001: A Title Edited While The Server Runs"'));
    await eventually(async () => (await get('/kb/900/Q900001/')).html).toMatch(/<h1[^>]*>A Title Edited While The Server Runs</);
    expect((await get('/kb/900/')).html).toContain('A Title Edited While The Server Runs');
  });

  it('serves an added article and drops a deleted one', async () => {
    const added = path.join(content, 'kb/900/Q900088/README.md');
    mkdirSync(path.dirname(added), { recursive: true });
    writeFileSync(added, readFileSync(path.join(content, 'kb/900/Q900006/README.md'), 'utf8').replaceAll('Q900006', 'Q900088'));
    rmSync(path.join(content, 'kb/900/Q900006'), { recursive: true });
    await eventually(async () => (await get('/kb/900/Q900088/')).status).toBe(200);
    await eventually(async () => (await get('/kb/900/Q900006/')).status).toBe(404);
    const listing = (await get('/kb/900/')).html;
    expect(listing).toContain('Q900088');
    expect(listing).not.toContain('Q900006');
  });

  it('follows a whole folder moved in, and one moved out', async () => {
    const staged = mkdtempSync(path.join(os.tmpdir(), 'kb-dev-moved-'));
    const file = path.join(staged, 'Q900090/README.md');
    mkdirSync(path.dirname(file));
    writeFileSync(file, readFileSync(path.join(content, 'kb/900/Q900003/README.md'), 'utf8').replaceAll('Q900003', 'Q900090'));
    renameSync(path.join(staged, 'Q900090'), path.join(content, 'kb/900/Q900090'));
    await eventually(async () => (await get('/kb/900/Q900090/')).status).toBe(200);
    renameSync(path.join(content, 'kb/900/Q900090'), path.join(staged, 'Q900090'));
    await eventually(async () => (await get('/kb/900/Q900090/')).status).toBe(404);
    rmSync(staged, { recursive: true, force: true });
  });

  it('reports a bad edit with its file and line, and keeps serving the rest', async () => {
    writeFileSync(path.join(content, 'kb/900/Q900089.md'), '---\ntitle: "Q900089: Unclosed"\n');
    await eventually(async () => log).toMatch(/kb\/900\/Q900089\.md:1: unclosed front matter/);
    expect((await get('/kb/900/Q900003/')).status).toBe(200);
  });

  it('after a restart, reads again only what changed while it was stopped', async () => {
    await stopDev();
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^title: .*$/m, 'title: "Q900001: Edited While The Server Was Stopped"'));
    rmSync(path.join(content, 'kb/900/Q900089.md'));
    rmSync(path.join(content, 'kb/900/Q900088'), { recursive: true });
    await startDev();
    expect((await get('/kb/900/Q900001/')).html).toMatch(/<h1[^>]*>Edited While The Server Was Stopped</);
    expect((await get('/kb/900/Q900088/')).status).toBe(404);
    const listing = (await get('/kb/900/')).html;
    expect(listing).not.toContain('Q900088');
    expect(listing).toContain('Q900003');
    // Q900001 was read again; the other five were not.
    expect(log).toMatch(/6 articles from .* \(5 unchanged, not read again\)/);
  }, 90_000);
});
