/**
 * Pagefind's excerpts are HTML: the page's text with `<` and `>` escaped and
 * the matched words in `<mark>`. They are not put into the page as HTML: this
 * splits one into plain text and marked text, so whatever else an excerpt might
 * hold shows as text and can never become markup.
 */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>');

export function excerptParts(html: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') mark = true;
    else if (piece === '</mark>') mark = false;
    else if (piece) {
      const last = parts.at(-1);
      const text = decode(piece);
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}
