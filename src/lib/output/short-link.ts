/**
 * Short links: `/Q192493/` is a tiny page that sends the browser on to the
 * article and still previews well when pasted (its own title and description).
 * A real file, so it works on any static server with no rules at all.
 */
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';

export interface ShortLinkTarget {
  id: string;
  title: string;
  permalink: string;
  summary: string;
}

/** The page's HTML; built as a hast tree, so every text is escaped by construction. */
export function shortLinkPage(a: ShortLinkTarget, site: string): string {
  const url = new URL(a.permalink, site).href;
  const title = `${a.id}: ${a.title}`;
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: 'en' }, [
      h('head', [
        h('meta', { charSet: 'utf-8' }),
        h('title', title),
        h('link', { rel: 'canonical', href: url }),
        h('meta', { httpEquiv: 'refresh', content: `0; url=${a.permalink}` }),
        h('meta', { name: 'robots', content: 'noindex' }),
        h('meta', { name: 'description', content: a.summary }),
        h('meta', { property: 'og:title', content: title }),
        h('meta', { property: 'og:description', content: a.summary }),
        h('meta', { property: 'og:url', content: url }),
      ]),
      h('body', [h('p', ['This article is at ', h('a', { href: a.permalink }, title), '.'])]),
    ]),
  ]);
  return toHtml(tree);
}

/**
 * Redirect rules (`_redirects`, as Netlify and Cloudflare Pages read it) for the
 * forms people type that no static file can answer: `/q192493`, `/kb/192493`, `/kb/Q192493`.
 */
export function redirectRules(a: { id: string; number: number; permalink: string }): string[] {
  return [`/q${a.number} ${a.permalink} 301`, `/kb/${a.number} ${a.permalink} 301`, `/kb/${a.id} ${a.permalink} 301`];
}
