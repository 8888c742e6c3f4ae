/**
 * The parser's promise, as a check: the words of the blocks, in order, are the
 * words of the body lines. Used by the tests (fixtures, corpus) and handy for
 * diagnosing a page that looks wrong.
 *
 * Words are whitespace-separated tokens. Tokens made only of `=` or `-` are
 * layout (heading underlines, the box's rules, `-` bullets) and are ignored on
 * both sides. A list item's marker is not kept in the item text: the list
 * stands for it, so an item matches an optional bullet token (`*`, `o`, `·`,
 * `•`) before it, and an ordered list's item n matches `n.` or `n)`.
 */
import type { Block } from '../types.ts';

const LAYOUT = /^[=-]+$/;
const BULLETS = new Set(['*', 'o', '\u00B7', '\u2022']);

/** A position in the block words that stands for a list marker. */
export interface MarkerToken {
  marker: 'bullet' | number;
}
export type BlockWord = string | MarkerToken;

export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '' && !LAYOUT.test(w));
}

/** The words of the blocks, with a marker token before each list item. */
export function blockWords(blocks: readonly Block[]): BlockWord[] {
  const out: BlockWord[] = [];
  const push = (text: string) => {
    for (const w of words(text)) out.push(w);
  };
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
      case 'pre':
        push(b.text);
        break;
      case 'appliesTo':
        push(b.intro);
        for (const item of b.items) push(item);
        break;
      case 'list':
        b.items.forEach((item, n) => {
          out.push({ marker: b.ordered ? n + 1 : 'bullet' });
          push(item);
        });
        break;
    }
  }
  return out;
}

/**
 * Compares the words of `lines` with the words of `blocks`. Returns undefined
 * when they agree, else a short description of the first difference.
 */
export function compareWords(lines: readonly string[], blocks: readonly Block[]): string | undefined {
  const want = words(lines.join('\n'));
  const got = blockWords(blocks);
  let w = 0;
  for (let g = 0; g < got.length; g++) {
    const t = got[g]!;
    if (typeof t !== 'string') {
      if (t.marker === 'bullet') {
        // The bullet glyph, unless the item's own first word is that same character (`- * (asterisk)`).
        if (BULLETS.has(want[w] ?? '') && got[g + 1] !== want[w]) w++;
      } else if (want[w] === `${t.marker}.` || want[w] === `${t.marker})`) {
        w++;
      } else {
        return `word ${w}: expected list marker ${t.marker}. but the text has ${JSON.stringify(want[w])}${context(want, w)}`;
      }
      continue;
    }
    if (want[w] !== t) {
      return `word ${w}: expected ${JSON.stringify(want[w] ?? '(end of text)')} but the blocks have ${JSON.stringify(t)}${context(want, w)}`;
    }
    w++;
  }
  if (w < want.length) return `word ${w}: the blocks end but the text goes on with ${JSON.stringify(want[w])}${context(want, w)}`;
  return undefined;
}

function context(want: readonly string[], w: number): string {
  return ` (near: ${JSON.stringify(want.slice(Math.max(0, w - 5), w + 5).join(' '))})`;
}
