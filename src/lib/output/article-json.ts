/**
 * The machine-readable article: what a ticket tool needs to show a cited
 * article's title and summary. Published beside its page (`sitePaths.articleJson`).
 */
import type { ParsedArticle } from '../kb/article.ts';
import { summaryOf } from '../kb/summary.ts';
import { bodyText } from './search-record.ts';
import { absoluteUrl, type OutputSite } from './site.ts';

export interface ArticleDocument {
  id: string;
  number: number;
  title: string;
  /** Absolute URL of the article page. */
  url: string;
  products: { code: string; name: string }[];
  versions: string[];
  operatingSystems: string[];
  keywords: string[];
  lastModified: string | null;
  summary: string;
  /** Sections and subsections, in order; `level` 2 or 3. */
  sections: { id: string; title: string; level: 2 | 3 }[];
  /** The body as plain text, words one space apart (search excerpts are cut from it). */
  text: string;
}

/** `text` and `summary` are derived from the blocks unless the caller has them already. */
export function articleDocument(a: ParsedArticle, site: OutputSite, text = bodyText(a.blocks), summary = summaryOf(a.blocks)): ArticleDocument {
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    url: absoluteUrl(site, site.routes.article(a.id)),
    products: site.productsOf(a),
    versions: a.versions,
    operatingSystems: a.operatingSystems,
    keywords: a.keywords,
    lastModified: a.lastModified ?? null,
    summary,
    sections: a.blocks.flatMap((b) => (b.type === 'heading' ? [{ id: b.slug, title: b.text, level: b.level }] : [])),
    text,
  };
}
