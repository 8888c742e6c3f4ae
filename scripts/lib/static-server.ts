/**
 * Serves a built site the way a plain static host does (GitHub Pages, S3, nginx
 * with try_files): files as they are, `404.html` with status 404 for the rest.
 * No redirect rules: what works here works anywhere.
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

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
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

export async function serveStatic(dir: string, { compress = false }: { compress?: boolean } = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const notFound = readFileSync(path.join(root, '404.html'));
  const files = sirv(root, { dev: false, etag: true });
  const gzipped = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
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
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(notFound);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
