/**
 * Serves a built site the way a plain static host does (GitHub Pages, S3, nginx
 * with try_files): files as they are, `404.html` with status 404 for the rest.
 * No redirect rules: what works here works anywhere.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';

export async function serveStatic(dir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const notFound = readFileSync(path.join(dir, '404.html'));
  const files = sirv(dir, { dev: false, etag: true });
  const server: Server = createServer((req, res) =>
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(notFound);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
