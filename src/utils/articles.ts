/**
 * The collection as pages use it. Everything here is computed once per build,
 * not per page: the sorted list, the known ids, buckets, products, citations.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import config from 'virtual:kb-archive/config';
import { bodyStore } from '../integrations/article-files/parsed-bodies.ts';
import { productCatalog, type ProductRef } from '../lib/kb/products.ts';
import { parseArticleBody } from '../lib/kb/source.ts';
import { createBodyRenderer, type BodyRenderer, type RenderedBody } from '../markdown/render.ts';
import type { Article } from '../schemas/article.ts';
import { routes } from './base.ts';

export type ArticleEntry = CollectionEntry<'kb'>;

/** What a page shows of another article: enough for a link with its title (`routes.article(id)`). */
export interface ArticleLink {
  id: string;
  title: string;
}

export const linkTo = (a: Article): ArticleLink => ({ id: a.id, title: a.title });

/** The listings an article files under, by the site config's product table. */
export const productsOf = productCatalog(config.productTable);

/** Memoises an async computation for the rest of the build. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/** Every article, in number order. */
export const getArticles = once(async () =>
  (await getCollection('kb')).sort((a, b) => a.data.number - b.data.number),
);

/** The article that help texts and placeholders name as an example: the archive's first. */
export const getExampleId = once(async () => (await getArticles())[0]?.data.id);

/** The ids the site has, for linking mentions. */
export const getKnownIds = once(async () => new Set((await getArticles()).map((a) => a.data.id)));

/** Articles grouped by bucket (`010` ... `327`), buckets and articles in number order. */
export const getBuckets = once(async () => Map.groupBy(await getArticles(), (a) => a.data.bucket));

export interface ProductListing extends ProductRef {
  articles: ArticleEntry[];
}

/** Product listings by code, in name order; each listing's articles in number order. */
export const getProducts = once(async () => {
  const byCode = new Map<string, ProductListing>();
  for (const entry of await getArticles()) {
    for (const ref of productsOf(entry.data)) {
      let listing = byCode.get(ref.code);
      if (!listing) byCode.set(ref.code, (listing = { ...ref, articles: [] }));
      listing.articles.push(entry);
    }
  }
  return new Map([...byCode].sort(([, a], [, b]) => a.name.localeCompare(b.name)));
});

/** For each article, the articles whose bodies mention it, in number order. */
export const getCitations = once(async () => {
  const all = await getArticles();
  const known = await getKnownIds();
  const citedBy = new Map<string, ArticleLink[]>();
  for (const { data } of all) {
    for (const id of data.mentions) {
      if (!known.has(id)) continue;
      let list = citedBy.get(id);
      if (!list) citedBy.set(id, (list = []));
      list.push(linkTo(data));
    }
  }
  return citedBy;
});

const getRenderer = once(async (): Promise<BodyRenderer> => {
  const ids = await getKnownIds();
  return createBodyRenderer({ hrefFor: (id) => (ids.has(id) ? routes.article(id) : undefined) });
});

/**
 * An article's body as HTML. In a build, the loader has parsed it already
 * (parsed-bodies.ts) unless its file is unchanged since the last build; then,
 * and in the dev server, the file (`Article.file`, in the content folder) is
 * read again for its body.
 */
export async function renderArticleBody({ id, file: relative }: Pick<Article, 'id' | 'file'>): Promise<RenderedBody> {
  const render = await getRenderer();
  const prepared = bodyStore()?.take(id);
  if (prepared) return render(prepared);
  const file = path.join(config.contentDir, relative);
  // A sync read: one small file, and no thread-pool round trip per page. The loader has
  // parsed and checked the front matter in this build; the page needs the body alone.
  const rendered = render(parseArticleBody(readFileSync(file, 'utf8'), file));
  // A build reports parser failures once, from the worker (article-files); the dev server has none.
  if (rendered.fallback && import.meta.env.DEV) console.warn(`[kb-archive] ${file}: ${rendered.fallback}`);
  return rendered;
}
