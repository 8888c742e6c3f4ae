/**
 * Serves a built site the way a plain static host does (GitHub Pages, S3, nginx
 * with try_files): files as they are, `404.html` with status 404 for the rest.
 * No redirect rules: what works here works anywhere.
 *
 * With `base` (`/support/kb/`), the site is served under that path, as a host
 * that keeps it in a sub-folder does: other paths get the site's 404 page.
 *
 * With `compress`, text files (HTML, CSS, JavaScript, JSON, XML) are sent
 * gzip-encoded to a browser that accepts it, as such hosts do, so that the bytes
 * a browser transfers can be measured. Pagefind's own files are compressed
 * already and go as they are.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sirv from 'sirv';
import { normaliseBase } from '../../src/lib/routes.ts';

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Where the site is: the origin and the base, `http://127.0.0.1:<port>/support/kb/`. */
  url: string;
  close: () => Promise<void>;
}

const TEXT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The file a request path names, if it is inside `dir`: `/kb/` -> `kb/index.html`. */
function fileFor(dir: string, urlPath: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return undefined;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(dir, rel);
  return file.startsWith(dir + path.sep) ? file : undefined;
}

export async function serveStatic(dir: string, { compress = false, base = '/' }: { compress?: boolean; base?: string } = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const prefix = normaliseBase(base);
  const notFound = readFileSync(path.join(root, '404.html'));
  const files = sirv(root, { dev: false, etag: true });
  const gzipped = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const sendNotFound = () => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(notFound);
    };
    // The site's files are under the base; `req.url` is made relative to it for what follows.
    const url = req.url ?? '/';
    if (!url.startsWith(prefix) && `${url.split('?')[0]}/` !== prefix) return sendNotFound();
    req.url = `/${url.slice(prefix.length)}`;
    if (compress && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && (req.method === 'GET' || req.method === 'HEAD')) {
      const file = fileFor(root, req.url ?? '/');
      const type = file && TEXT_TYPES[path.extname(file)];
      if (file && type) {
        let body = gzipped.get(file);
        if (!body) {
          try {
            body = gzipSync(readFileSync(file));
            gzipped.set(file, body);
          } catch {
            body = undefined;
          }
        }
        if (body) {
          res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': body.length, vary: 'Accept-Encoding', 'cache-control': 'no-cache' });
          res.end(req.method === 'HEAD' ? undefined : body);
          return;
        }
      }
    }
    files(req, res, sendNotFound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
