/**
 * Internal link check of a built site with linkinator: every page's links and
 * every `#fragment` must resolve. Absolute http(s) URLs (canonical and preview
 * URLs, which name the deployed origin) are outside a local check.
 */
import { LinkChecker } from 'linkinator';

export interface BrokenLink {
  url: string;
  parent?: string;
  status?: number;
}

/** `siteOrigin`: the origin absolute links name (Astro's `site`); those are not on the local server. */
export async function checkSiteLinks(dir: string, siteOrigin = 'http://localhost:4321'): Promise<{ checked: number; broken: BrokenLink[] }> {
  const result = await new LinkChecker().check({
    path: dir,
    recurse: true,
    checkFragments: true,
    concurrency: 50,
    linksToSkip: [`^${RegExp.escape(siteOrigin)}`],
  });
  const broken = result.links
    .filter((l) => l.state === 'BROKEN')
    .map((l) => ({ url: l.url, parent: l.parent, status: l.status }));
  return { checked: result.links.length, broken };
}
