/**
 * Internal link check of a built site with linkinator: the site is served as a
 * plain static host serves it (under its base, if it has one), crawled from its
 * home page, and every page's links and every `#fragment` must resolve.
 * Absolute http(s) URLs naming the deployed origin (canonical and preview URLs)
 * are outside a local check.
 */
import { LinkChecker } from 'linkinator';
import { serveStatic } from './static-server.ts';

export interface BrokenLink {
  url: string;
  parent?: string;
  status?: number;
}

export interface LinkCheckOptions {
  /** The origin absolute links name (Astro's `site`); those are not on the local server. */
  siteOrigin?: string;
  /** The path the site is served under (Astro's `base`). */
  base?: string;
}

export async function checkSiteLinks(dir: string, { siteOrigin = 'http://localhost:4321', base = '/' }: LinkCheckOptions = {}): Promise<{ checked: number; broken: BrokenLink[] }> {
  const server = await serveStatic(dir, { base });
  try {
    const result = await new LinkChecker().check({
      path: server.url,
      recurse: true,
      checkFragments: true,
      concurrency: 50,
      linksToSkip: [`^${RegExp.escape(siteOrigin)}`],
    });
    const broken = result.links
      .filter((l) => l.state === 'BROKEN')
      .map((l) => ({ url: l.url.replace(server.origin, ''), parent: l.parent?.replace(server.origin, ''), status: l.status }));
    return { checked: result.links.length, broken };
  } finally {
    await server.close();
  }
}
