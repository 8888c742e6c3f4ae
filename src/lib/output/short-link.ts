/**
 * Short links: `/Q192493/` (`sitePaths.shortLink`) is a tiny page that sends the browser on to the
 * article and still previews well when pasted (its own title and description).
 * A real file, so it works on any static server with no rules at all.
 */
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { typedForms, type Routes } from '../routes.ts';
import { absoluteUrl, type OutputSite } from './site.ts';

export interface ShortLinkTarget {
  id: string;
  title: string;
  summary: string;
}

/** The page's HTML; built as a hast tree, so every text is escaped by construction. */
export function shortLinkPage(a: ShortLinkTarget, site: OutputSite): string {
  const permalink = site.routes.article(a.id);
  const url = absoluteUrl(site, permalink);
  const title = `${a.id}: ${a.title}`;
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: 'en' }, [
      h('head', [
        h('meta', { charSet: 'utf-8' }),
        h('title', title),
        h('link', { rel: 'canonical', href: url }),
        h('meta', { httpEquiv: 'refresh', content: `0; url=${permalink}` }),
        h('meta', { name: 'robots', content: 'noindex' }),
        h('meta', { name: 'description', content: a.summary }),
        h('meta', { property: 'og:site_name', content: site.title }),
        h('meta', { property: 'og:title', content: title }),
        h('meta', { property: 'og:description', content: a.summary }),
        h('meta', { property: 'og:url', content: url }),
      ]),
      h('body', [h('p', ['This article is at ', h('a', { href: permalink }, title), '.'])]),
    ]),
  ]);
  return toHtml(tree);
}

/**
 * Redirect rules (`_redirects`, as Netlify and Cloudflare Pages read it) for the
 * forms people type that no static file can answer: `/q192493`, `/kb/192493`, `/kb/Q192493`.
 */
export function redirectRules(id: string, routes: Routes): string[] {
  const to = routes.article(id);
  return typedForms(id).map((typed) => `${routes.withBase(typed)} ${to} 301`);
}
