/**
 * The site's routes with Astro's `base` in front (src/lib/routes.ts), for pages,
 * components and browser scripts alike.
 */
import base from 'virtual:kb-archive/base';
import { createRoutes } from '../lib/routes.ts';

export const routes = createRoutes(base);
