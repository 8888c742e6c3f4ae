/**
 * What Pagefind indexes for an article: a lean HTML document made from the
 * parsed article (not the rendered page, which carries navigation, listings and
 * footers), with the id, number and title weighted above the body, and the
 * metadata, filters and sort keys the search page uses.
 */
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { ParsedArticle } from '../kb/article.ts';
import { productsOf } from '../kb/products.ts';
import type { Block } from '../kb/types.ts';

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

/** The record's HTML; built as a hast tree, so article text is escaped by construction. */
export function searchRecordHtml(a: ParsedArticle): string {
  const products = productsOf(a);
  const year = a.lastModified?.slice(0, 4);
  const hidden = (attrs: Record<string, string>, text: string): Element => h('span', { hidden: true, ...attrs }, text);
  const meta: ElementContent[] = [
    hidden({ dataPagefindMeta: 'id' }, a.id),
    hidden({ dataPagefindMeta: 'product' }, products.map((p) => p.name).join(', ')),
    ...(a.lastModified ? [hidden({ dataPagefindMeta: 'date' }, a.lastModified)] : []),
    ...products.map((p) => hidden({ dataPagefindFilter: 'product' }, p.name)),
    ...(year ? [hidden({ dataPagefindFilter: 'year' }, year)] : []),
    ...a.operatingSystems.map((os) => hidden({ dataPagefindFilter: 'os' }, os)),
  ];
  const tree = h('html', { lang: 'en' }, [
    h('body', { ...(a.lastModified ? { dataPagefindSort: `date:${a.lastModified}` } : {}) }, [
      // Metadata and filters only: ignored as text, so they make no words and no excerpts.
      h('div', { dataPagefindIgnore: true }, meta),
      // The id and title, weighted above the body.
      h('h1', { dataPagefindMeta: 'title', dataPagefindWeight: '10' }, `${a.id}: ${a.title}`),
      ...a.blocks.flatMap(blockText).map((t) => h('p', t)),
      ...(a.queryWords ? [h('p', { dataPagefindWeight: '2' }, a.queryWords)] : []),
    ]),
  ]);
  return toHtml(tree);
}
