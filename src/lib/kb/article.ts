/** The whole parse of one article file: its fields and its body as blocks. */
import { parseBody } from './body.ts';
import { parseArticleSource, type ArticleSource } from './source.ts';
import type { Block } from './types.ts';

export interface ParsedArticle extends Omit<ArticleSource, 'bodyLines' | 'bodyLine'> {
  blocks: Block[];
}

/** Parses a file's text; throws KbParseError (file, line, reason) when it cannot. */
export function parseArticle(raw: string, file: string): ParsedArticle {
  const { bodyLines, bodyLine: _, ...fields } = parseArticleSource(raw, file);
  return { ...fields, blocks: parseBody(bodyLines) };
}
