/**
 * Renders an article body to HTML through unified: our remark parser plugin
 * (remark-kb-article), then our compiler of its mdast (remark-kb-html). No raw
 * HTML passes through, so all article text comes out escaped.
 */
import { unified } from 'unified';
import type { ParsedBody } from '../lib/kb/body.ts';
import { summaryOf } from '../lib/kb/summary.ts';
import remarkKbArticle, { type RemarkKbArticleOptions } from './remark-kb-article.ts';
import remarkKbHtml from './remark-kb-html.ts';

export interface RenderedBody {
  html: string;
  /** The section headings (not subsections), for the table of contents. */
  headings: { slug: string; text: string }[];
  /** The first sentences of SUMMARY or SYMPTOMS, for previews. */
  summary: string;
  /** Set when the body parser failed and the body is shown as plain text: to be reported. */
  fallback?: string;
}

/** A body's lines, or the body parsed already in this build (with its summary, when known). */
export type BodySource = readonly string[] | (ParsedBody & { summary?: string });
export type BodyRenderer = (body: BodySource) => RenderedBody;

export function createBodyRenderer(options: RemarkKbArticleOptions): BodyRenderer {
  const processor = unified().use(remarkKbArticle, options).use(remarkKbHtml).freeze();
  return (body) => {
    // Parsed blocks go in as the file's data, which the parser plugin takes instead of parsing the text.
    const parsed = 'blocks' in body;
    const file = processor.processSync(
      parsed ? { value: '', data: { kbBlocks: body.blocks, ...(body.fallback ? { kbFallback: body.fallback } : {}) } } : body.join('\n'),
    );
    const blocks = file.data.kbBlocks ?? [];
    const headings = blocks.flatMap((b) => (b.type === 'heading' && b.level === 2 ? [{ slug: b.slug, text: b.text }] : []));
    const fallback = file.data.kbFallback;
    return { html: String(file), headings, summary: (parsed ? body.summary : undefined) ?? summaryOf(blocks), ...(fallback ? { fallback } : {}) };
  };
}
