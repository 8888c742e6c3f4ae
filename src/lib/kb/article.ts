/** The whole parse of one article file: its fields and its body as blocks. */
import { parseBody } from './body.ts';
import { parseArticleSource, type ArticleSource } from './source.ts';
import type { Block } from './types.ts';

export interface ParsedArticle extends Omit<ArticleSource, 'bodyLines' | 'bodyLine'> {
  blocks: Block[];
  /** Set when the body parser failed and the body is one plain-text block (see parseBody). */
  bodyFallback?: string;
}

/** Parses a file's text; throws KbParseError (file, line, reason) when it cannot. */
export function parseArticle(raw: string, file: string): ParsedArticle {
  const { bodyLines, bodyLine: _, ...fields } = parseArticleSource(raw, file);
  const { blocks, fallback } = parseBody(bodyLines);
  return { ...fields, blocks, ...(fallback ? { bodyFallback: fallback } : {}) };
}
