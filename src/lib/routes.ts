/**
 * Every address of the site, in one place. Pure and framework-free, so pages,
 * the build worker, pruning and the browser scripts build URLs the same way.
 *
 * Two layers, as Starlight's `utils/base.ts` has them:
 * - `sitePaths`: where a thing is on the site, without the base (`/kb/192/Q192493/`).
 *   That is also what an article's front-matter `permalink:` holds, and, less its
 *   leading slash, where its file sits in the output folder.
 * - `createRoutes(base)`: the same builders with Astro's `base` in front
 *   (`/support/kb/kb/192/Q192493/`), for every link, fetch and redirect.
 */
import { bucketOf, ID_PATTERN, idToNumber } from './kb/id.ts';

function bucketOfId(id: string): string {
  const n = idToNumber(id);
  if (n === undefined) throw new Error(`not an article id: ${id}`);
  return bucketOf(n);
}

/** Site paths without the base: each starts with `/`, and a page's ends with `/`. */
export const sitePaths = {
  home: () => '/',
  /** Browse by number: every bucket. */
  numbers: () => '/kb/',
  /** One bucket's articles: `/kb/192/`. */
  bucket: (bucket: string) => `/kb/${bucket}/`,
  /** The article's permalink: `/kb/192/Q192493/`. */
  article: (id: string) => `/kb/${bucketOfId(id)}/${id}/`,
  /** The article as JSON, beside its page: `/kb/192/Q192493.json`. */
  articleJson: (id: string) => `/kb/${bucketOfId(id)}/${id}.json`,
  /** The short link: `/Q192493/`. */
  shortLink: (id: string) => `/${id}/`,
  /** Browse by product: every product. */
  products: () => '/id/',
  /** A product's listing, page `n` (1-based): `/id/winnt/`, `/id/winnt/2/`. */
  product: (code: string, page = 1) => (page > 1 ? `/id/${code}/${page}/` : `/id/${code}/`),
  /** The search page; with a query, that search: `/search/?q=Q192493`. */
  search: (q?: string) => (q ? `/search/?${new URLSearchParams({ q })}` : '/search/'),
  /** Where the number form goes: `/lookup/`. */
  lookup: () => '/lookup/',
  /** The numbers one bucket has, for number lookups: `/kb/192/numbers.json`. */
  bucketNumbers: (bucket: string) => `/kb/${bucket}/numbers.json`,
  /** The buckets the archive has. */
  bucketList: () => '/kb/buckets.json',
  /** A file of the search bundle: `/pagefind/pagefind.js`. */
  pagefind: (file: string) => `/pagefind/${file}`,
  /** A file at the site's root, such as one from `public/`: `/favicon.svg`. */
  file: (name: string) => `/${name.replace(/^\/+/, '')}`,
} as const;

type Builders = typeof sitePaths;

/**
 * Forms of an article's address people type that no static file answers
 * (`/q192493`, `/kb/192493`, `/kb/Q192493`): redirect rules send them to the article,
 * and the 404 page recognises them.
 */
export const typedForms = (id: string): string[] => {
  const n = idToNumber(id);
  return [`/q${n}`, `/kb/${n}`, `/kb/${id}`];
};

/** `support/kb` or `/support/kb/` -> `/support/kb/`; empty -> `/`. */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

export type Routes = Builders & {
  /** The base, with a slash at both ends: `/support/kb/` (or `/`). */
  readonly base: string;
  /** A site path with the base in front. */
  withBase(sitePath: string): string;
  /** The site path of a URL path of this site (base removed), or undefined when it is outside the base. */
  sitePathOf(urlPath: string): string | undefined;
};

export function createRoutes(base: string): Routes {
  const root = normaliseBase(base);
  const withBase = (p: string) => root + p.replace(/^\/+/, '');
  const built = Object.fromEntries(
    Object.entries(sitePaths).map(([name, build]) => [name, (...args: never[]) => withBase((build as (...a: never[]) => string)(...args))]),
  ) as unknown as Builders;
  return {
    ...built,
    base: root,
    withBase,
    sitePathOf(urlPath) {
      if (urlPath.startsWith(root)) return `/${urlPath.slice(root.length)}`;
      return `${urlPath}/` === root ? '/' : undefined;
    },
  };
}

const ARCHIVE_FOLDERS = new Set([sitePaths.numbers(), sitePaths.products()].map((p) => p.split('/')[1]));
/**
 * Whether a top-level folder of the output holds the archive's own per-article
 * files (articles, listings, and the short links, named by id), which second builds
 * prune: `kb`, `id`, `Q192493`.
 */
export const isArchiveFolder = (name: string): boolean => ARCHIVE_FOLDERS.has(name) || ID_PATTERN.test(name);

/**
 * The file in the output folder that serves a site path, as Astro writes it
 * (`build.format: 'directory'`): `/kb/192/` -> `kb/192/index.html`, `/kb/192/Q192493.json`
 * -> itself without the slash.
 */
export function outputFileOf(sitePath: string): string {
  const rel = sitePath.replace(/^\/+/, '');
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
}
