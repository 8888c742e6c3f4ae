/** What an article is about, in a sentence or two: for previews and the JSON document. */
import type { Block } from './types.ts';

const PREFERRED = ['summary', 'symptoms'];

/**
 * The first sentences (up to about `max` characters) of the first paragraph under
 * SUMMARY or SYMPTOMS, else of the article's first paragraph.
 */
export function summaryOf(blocks: readonly Block[], max = 200): string {
  const firstParagraphAfter = (i: number) => {
    for (let j = i; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (b.type === 'paragraph') return b.text;
      if (b.type === 'heading' && j > i) return undefined;
    }
    return undefined;
  };
  let text: string | undefined;
  for (const slug of PREFERRED) {
    const at = blocks.findIndex((b) => b.type === 'heading' && b.slug === slug);
    if (at >= 0 && (text = firstParagraphAfter(at))) break;
  }
  text ??= blocks.find((b) => b.type === 'paragraph')?.text ?? '';
  return firstSentences(text, max);
}

// Unicode sentence boundaries: `header.html` or `5.5` do not end a sentence.
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

function firstSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of sentences.segment(text)) {
    if (out && out.length + segment.length > max) break;
    out += segment;
  }
  if (out.length > max) out = `${out.slice(0, max).replace(/\s+\S*$/, '')}…`;
  return out.trim();
}
