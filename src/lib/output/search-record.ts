/**
 * What the search index takes from an article: its body as plain text (the
 * words the index counts, and what excerpts are cut from), and the values the
 * search page filters and sorts on. Escaping is the page's business: the
 * search page shows this text as text nodes only.
 */
import type { ParsedArticle } from '../kb/article.ts';
import type { ProductsOf } from '../kb/products.ts';
import type { Block } from '../kb/types.ts';
import { splitWords } from '../search/layout.ts';

const blockText = (b: Block): string[] => {
  switch (b.type) {
    case 'list':
      return b.items;
    case 'appliesTo':
      return [b.intro, ...b.items];
    default:
      return [b.text];
  }
};

/** The body's words, one space apart: headings, paragraphs, list items and code, in order. */
export const bodyText = (blocks: readonly Block[]): string => splitWords(blocks.flatMap(blockText).join('\n')).join(' ');

/** The values an article is filtered by, and its sort key. */
export interface SearchFacets {
  /** Product names (several for an article filed under several). */
  product: string[];
  /** Year of last modification. */
  year: string[];
  /** Operating systems it names. */
  os: string[];
  /** Last modified, `1999-04-22`, or undefined. */
  date?: string;
}

export function searchFacets(a: Pick<ParsedArticle, 'products' | 'productCode' | 'lastModified' | 'operatingSystems'>, productsOf: ProductsOf): SearchFacets {
  return {
    product: productsOf(a).map((p) => p.name),
    year: a.lastModified ? [a.lastModified.slice(0, 4)] : [],
    os: [...a.operatingSystems],
    date: a.lastModified,
  };
}
