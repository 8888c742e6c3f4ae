/**
 * Short links: `/Q192493/` (`sitePaths.shortLink`) is a tiny page that sends the browser on to the
 * article and still previews well when pasted (its own title and description).
 * A real file, so it works on any static server with no rules at all.
 */
import { typedForms, type Routes } from '../routes.ts';
import { html } from './html.ts';
import { absoluteUrl, type OutputSite } from './site.ts';

export interface ShortLinkTarget {
  id: string;
  title: string;
  summary: string;
}

/** The page's HTML; the template escapes every value put in it. */
export function shortLinkPage(a: ShortLinkTarget, site: OutputSite): string {
  const permalink = site.routes.article(a.id);
  const url = absoluteUrl(site, permalink);
  const title = `${a.id}: ${a.title}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="canonical" href="${url}">
<meta http-equiv="refresh" content="0; url=${permalink}">
<meta name="robots" content="noindex">
<meta name="description" content="${a.summary}">
<meta property="og:site_name" content="${site.title}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${a.summary}">
<meta property="og:url" content="${url}">
</head>
<body><p>This article is at <a href="${permalink}">${title}</a>.</p></body>
</html>
`;
}

/**
 * Redirect rules (`_redirects`, as Netlify and Cloudflare Pages read it) for the
 * forms people type that no static file can answer: `/q192493`, `/kb/192493`, `/kb/Q192493`.
 */
export function redirectRules(id: string, routes: Routes): string[] {
  const to = routes.article(id);
  return typedForms(id).map((typed) => `${routes.withBase(typed)} ${to} 301`);
}
