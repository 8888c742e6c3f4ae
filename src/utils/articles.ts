/**
 * The collection as pages use it: loaded and sorted once per build (not per
 * page), and one body renderer that links mentions of articles the site has.
 */
import { readFileSync } from 'node:fs';
import { getCollection, type CollectionEntry } from 'astro:content';
import { permalinkOf } from '../lib/kb/id.ts';
import { parseArticleSource } from '../lib/kb/source.ts';
import { createBodyRenderer, type BodyRenderer, type RenderedBody } from '../markdown/render.ts';

export type ArticleEntry = CollectionEntry<'kb'>;

let sorted: Promise<ArticleEntry[]> | undefined;
let known: Promise<Set<string>> | undefined;
let renderer: Promise<BodyRenderer> | undefined;

/** Every article, in number order. */
export function getArticles(): Promise<ArticleEntry[]> {
  return (sorted ??= getCollection('kb').then((all) => all.sort((a, b) => a.data.number - b.data.number)));
}

/** The ids the site has, for linking mentions. */
export function getKnownIds(): Promise<Set<string>> {
  return (known ??= getArticles().then((all) => new Set(all.map((a) => a.data.id))));
}

/** Reads an article's file again and renders its body to HTML. */
export async function renderArticleBody(file: string): Promise<RenderedBody> {
  const render = await (renderer ??= getKnownIds().then((ids) =>
    createBodyRenderer({ hrefFor: (id) => (ids.has(id) ? permalinkOf(id) : undefined) }),
  ));
  // A sync read: one small file, and no thread-pool round trip per page.
  const { bodyLines } = parseArticleSource(readFileSync(file, 'utf8'), file);
  return render(bodyLines.join('\n'));
}

let buckets: Promise<Map<string, ArticleEntry[]>> | undefined;

/** Articles grouped by bucket (`010` ... `327`), buckets and articles in number order. */
export function getBuckets(): Promise<Map<string, ArticleEntry[]>> {
  return (buckets ??= getArticles().then((all) => Map.groupBy(all, (a) => a.data.bucket)));
}
