/**
 * A result's excerpt: the stretch of the article's body text (article-json.ts
 * `text`, words one space apart) with the most matched words, those words
 * marked. Returned as parts, never HTML: the page puts them in as text nodes and
 * `<mark>` elements, so nothing from an article can become markup. Pure.
 */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/**
 * `marked` are word indexes in `text`. Without any, the excerpt is the text's
 * start. Cut ends show an ellipsis.
 */
export function excerptOf(text: string, marked: readonly number[], length = 24): ExcerptPart[] {
  const words = text ? text.split(' ') : [];
  const hits = [...new Set(marked)].filter((i) => i >= 0 && i < words.length).sort((a, b) => a - b);
  // The window of `length` words that holds the most hits, starting a little before its first.
  let start = 0;
  let best = 0;
  for (let i = 0, j = 0; i < hits.length; i++) {
    while (j < hits.length && hits[j]! < hits[i]! + length) j++;
    if (j - i > best) {
      best = j - i;
      start = hits[i]!;
    }
  }
  start = Math.max(0, Math.min(start - Math.floor(length / 4), words.length - length));
  const end = Math.min(words.length, start + length);
  const isHit = new Set(hits);
  const parts: ExcerptPart[] = [];
  const push = (text: string, mark: boolean) => {
    const last = parts.at(-1);
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
  };
  if (start > 0) push('… ', false);
  for (let i = start; i < end; i++) {
    if (i > start) push(' ', false);
    push(words[i]!, isHit.has(i));
  }
  if (end < words.length) push(' …', false);
  return parts;
}
