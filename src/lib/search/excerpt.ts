/**
 * A result's excerpt: the stretch of the article's body text (article-json.ts
 * `text`, words one space apart) with the most matched words, the part of each
 * that matched marked. Returned as parts, never HTML: the page puts them in as
 * text nodes and `<mark>` elements, so nothing from an article can become
 * markup. Pure.
 */
import { BODY_START, isCommonWord } from './layout.ts';
import { bodySegments, segmentText, wordSegments } from './names.ts';
import { indexForm } from './spelling.ts';

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/** A matched body word, or the part of it from `start` to `end` (UTF-16 code units) that matched. */
export interface Mark {
  word: number;
  start?: number;
  end?: number;
}

/**
 * Where a search's matches are in the body text: `positions` are an article's
 * local positions (layout.ts) of the words searched, `words`. A match in the
 * segments after the body marks that segment in its name; a match inside a
 * word (one of Pagefind's parts: `number` in `Q-number`) marks that part.
 * In the body region a run of `common` words (layout.ts) holds one position.
 */
export function bodyMarks(text: string, positions: readonly number[], words: readonly string[], common: ReadonlySet<string> = new Set()): Mark[] {
  const body = text ? text.split(' ') : [];
  const forms = words.map(indexForm).filter(Boolean);
  let places: (Mark | undefined)[] | undefined;
  const marks: Mark[] = [];
  for (const p of positions) {
    const k = p - BODY_START;
    if (k < 0) continue;
    places ??= bodyPlaces(body, common);
    const place = places[k];
    if (place) marks.push(place.start === undefined ? partOf(body[place.word]!, place.word, forms) : place);
  }
  return marks;
}

/**
 * What each position of the body region stands for: a body word, then a
 * segment of a name (names.ts), as the index lays them out; undefined for a
 * run of common words.
 */
function bodyPlaces(body: readonly string[], common: ReadonlySet<string>): (Mark | undefined)[] {
  const places: (Mark | undefined)[] = [];
  let run = false;
  const place = (word: string, mark: Mark) => {
    const isCommon = isCommonWord(word, common);
    if (!isCommon) places.push(mark);
    else if (!run) places.push(undefined);
    run = isCommon;
  };
  body.forEach((w, word) => place(w, { word }));
  for (const s of bodySegments(body)) place(segmentText(body, s), s);
  return places;
}

/**
 * The part of a matched word to mark: all of it when it is a searched word;
 * else the segment of a name that a searched word begins (`Jet35sp3` of
 * `Jet35sp3.exe`); else all of it when a searched word begins it; else a
 * searched word inside it (`number` in `Q-number`); else all of it.
 */
function partOf(token: string, word: number, forms: readonly string[]): Mark {
  const whole = indexForm(token);
  if (forms.includes(whole)) return { word };
  for (const seg of wordSegments(token)) {
    const form = indexForm(token.slice(seg.start, seg.end));
    if (forms.some((f) => form.startsWith(f))) return { word, ...seg };
  }
  if (forms.some((f) => whole.startsWith(f))) return { word };
  const lower = token.toLowerCase();
  for (const f of forms) {
    const at = lower.indexOf(f);
    if (at > 0) return { word, start: at, end: at + f.length };
  }
  return { word };
}

/**
 * `marks` are matched words of `text`. Without any, the excerpt is the text's
 * start. Cut ends show an ellipsis.
 */
export function excerptOf(text: string, marks: readonly (Mark | number)[], length = 24): ExcerptPart[] {
  const words = text ? text.split(' ') : [];
  const byWord = new Map<number, Mark[]>();
  for (const m of marks) {
    const mark = typeof m === 'number' ? { word: m } : m;
    if (mark.word < 0 || mark.word >= words.length) continue;
    byWord.set(mark.word, [...(byWord.get(mark.word) ?? []), mark]);
  }
  const hits = [...byWord.keys()].sort((a, b) => a - b);
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
  const parts: ExcerptPart[] = [];
  const push = (text: string, mark: boolean) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
  };
  if (start > 0) push('… ', false);
  for (let i = start; i < end; i++) {
    if (i > start) push(' ', false);
    pushWord(push, words[i]!, byWord.get(i));
  }
  if (end < words.length) push(' …', false);
  return parts;
}

/** A word with its marked parts: the whole of it when one mark covers it all. */
function pushWord(push: (text: string, mark: boolean) => void, word: string, marks: readonly Mark[] | undefined) {
  if (!marks) return push(word, false);
  const marked = new Uint8Array(word.length);
  for (const m of marks) marked.fill(1, m.start ?? 0, m.end ?? word.length);
  let from = 0;
  for (let i = 1; i <= word.length; i++) {
    if (i === word.length || marked[i] !== marked[from]) {
      push(word.slice(from, i), marked[from] === 1);
      from = i;
    }
  }
}
