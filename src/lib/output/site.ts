/** What the output builders need to know of the site: its origin, routes and product table. */
import type { ProductsOf } from '../kb/products.ts';
import type { Routes } from '../routes.ts';

export interface OutputSite {
  /** The public origin (`https://kb.example.com`), for absolute URLs. */
  origin: string;
  /** The site's name, for previews. */
  title: string;
  routes: Routes;
  productsOf: ProductsOf;
}

/** An absolute URL of the site from a route (which has the base in it already). */
export const absoluteUrl = (site: OutputSite, route: string): string => new URL(route, site.origin).href;
