/** robots.txt: everything may be crawled; the sitemap index says where the pages are. */
import type { APIRoute } from 'astro';
import { routes } from '../utils/base.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL(routes.file('sitemap-index.xml'), site).href}\n`);
