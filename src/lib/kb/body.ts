/**
 * Turns the plain-text body of an article into blocks (headings, paragraphs,
 * lists, preformatted text). PLACEHOLDER: keeps everything preformatted.
 */
import type { Block } from './types.ts';

export function parseBody(lines: readonly string[]): Block[] {
  const text = lines.join('\n').replace(/^\n+|\n+$/g, '');
  return text === '' ? [] : [{ type: 'pre', text }];
}
