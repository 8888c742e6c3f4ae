/** The plain static server the browser tests use; it lives with the scripts, which measure search with it too. */
export { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
