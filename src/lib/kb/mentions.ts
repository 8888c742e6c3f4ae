/** Splits text at mentions of other articles (`Q191014`), for linking. */
import { ID_MENTION } from './id.ts';

export interface TextPart {
  text: string;
  /** Set when this part is a mention: the id it names. */
  id?: string;
}

export function splitMentions(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(ID_MENTION)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: m[0], id: `Q${Number(m[1])}` });
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return parts;
}

/** The distinct ids a text mentions, in order of first mention. */
export function mentionedIds(text: string): string[] {
  return [...new Set(splitMentions(text).flatMap((p) => (p.id ? [p.id] : [])))];
}
