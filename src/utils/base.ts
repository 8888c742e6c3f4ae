/**
 * The site's routes with Astro's `base` in front (src/lib/routes.ts), for pages,
 * components and browser scripts alike: Vite fills in `BASE_URL` in both.
 */
import { createRoutes } from '../lib/routes.ts';

export const routes = createRoutes(import.meta.env.BASE_URL);
