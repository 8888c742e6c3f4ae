/**
 * Renders an article body to HTML through unified: our remark parser plugin,
 * then remark-rehype and rehype-stringify. No raw HTML passes through, so all
 * article text comes out escaped.
 */
import type { Heading, Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import remarkKbArticle, { type RemarkKbArticleOptions } from './remark-kb-article.ts';

export interface RenderedBody {
  html: string;
  /** The section headings, for the table of contents. */
  headings: { slug: string; text: string }[];
}

export type BodyRenderer = (bodyText: string) => RenderedBody;

export function createBodyRenderer(options: RemarkKbArticleOptions): BodyRenderer {
  const processor = unified().use(remarkKbArticle, options).use(remarkRehype).use(rehypeStringify).freeze();
  return (bodyText) => {
    const mdast = processor.parse(bodyText) as Root;
    const headings = mdast.children
      .filter((n): n is Heading => n.type === 'heading')
      .map((h) => ({
        slug: String(h.data?.hProperties?.id ?? ''),
        text: h.children.map((c) => ('value' in c ? c.value : '')).join(''),
      }));
    const html = processor.stringify(processor.runSync(mdast));
    return { html, headings };
  };
}
