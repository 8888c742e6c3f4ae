/**
 * A link check for sites too large to crawl over HTTP (linkinator needs more
 * than 25 minutes for the 230,000 files of the reference archive): reads every
 * built HTML file with htmlparser2 and checks that each internal link's target
 * file exists and, for `#fragment` links, that the target page has that id.
 * Targets resolve as a plain static host resolves them: `/a/` is `/a/index.html`;
 * under a base (`/support/kb/`), a link outside it is broken.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { createRoutes } from '../../src/lib/routes.ts';
import type { BrokenLink, LinkCheckOptions } from './links.ts';

interface PageLinks {
  ids: Set<string>;
  links: string[];
}

function readPage(file: string): PageLinks {
  const ids = new Set<string>();
  const links: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (attrs.id) ids.add(attrs.id);
      if (name === 'a' && attrs.href) links.push(attrs.href);
      if (name === 'link' && attrs.href && attrs.rel !== 'canonical') links.push(attrs.href);
      if ((name === 'script' || name === 'img') && attrs.src) links.push(attrs.src);
    },
  });
  parser.end(readFileSync(file, 'utf8'));
  return { ids, links };
}

/** The file a static host serves for a site path, if any. */
function targetFile(dir: string, pathname: string): string | undefined {
  const p = path.join(dir, decodeURIComponent(pathname));
  if (pathname.endsWith('/')) return existsSync(path.join(p, 'index.html')) ? path.join(p, 'index.html') : undefined;
  if (existsSync(p) && statSync(p).isFile()) return p;
  return existsSync(path.join(p, 'index.html')) ? path.join(p, 'index.html') : undefined;
}

export async function checkBuiltLinks(dir: string, { siteOrigin = 'http://localhost:4321', base = '/' }: LinkCheckOptions = {}): Promise<{ pages: number; checked: number; broken: BrokenLink[] }> {
  const routes = createRoutes(base);
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f));
  const idsOf = new Map<string, Set<string>>();
  const ids = (file: string) => {
    let s = idsOf.get(file);
    if (!s) idsOf.set(file, (s = readPage(file).ids));
    return s;
  };
  const broken: BrokenLink[] = [];
  let checked = 0;
  for (const file of files) {
    const page = readPage(file);
    idsOf.set(file, page.ids);
    const pageUrl = new URL(routes.withBase(path.relative(dir, file).split(path.sep).join('/')), siteOrigin);
    for (const href of page.links) {
      const url = new URL(href, pageUrl);
      // Absolute URLs naming the site's own origin (canonical, permalink) are checked as paths; others are not ours.
      if (url.origin !== siteOrigin) continue;
      checked++;
      const sitePath = routes.sitePathOf(url.pathname);
      const target = url.pathname === pageUrl.pathname ? file : sitePath === undefined ? undefined : targetFile(dir, sitePath);
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (!target) broken.push({ url: url.pathname + url.hash, parent: path.relative(dir, file), status: 404 });
      else if (fragment && target.endsWith('.html') && !ids(target).has(fragment)) {
        broken.push({ url: url.pathname + url.hash, parent: path.relative(dir, file), status: 200 });
      }
    }
  }
  return { pages: files.length, checked, broken };
}
