/**
 * Words inside names. Pagefind indexes `C:\Program Files\DevStudio\MyProjects\ActiveXExample`
 * as two words, `cprogram` and `filesdevstudiomyprojectsactivexexample`, plus their
 * smallest parts (`dev`, `studio`, `active`, `example`...) at the same place:
 * `ActiveXExample` or `DevStudio` cannot be found whole. So the index also
 * holds, after an article's body, each *segment* of such a name (what lies
 * between its punctuation) as a word of its own, in order; the browser works
 * out the same list from the article's text to mark the segment in an excerpt.
 * Pure: shared by the build and the browser.
 */

/** A segment of a body word, found whole through the index. */
export interface Segment {
  /** The body word it is in (index in the body's words). */
  word: number;
  /** Where it stands in that word, in UTF-16 code units. */
  start: number;
  end: number;
}

/** Letters and digits; apostrophes keep `doesn't` one word. */
const SEGMENT = /[\p{L}\p{N}'’]+/gu;
/** A word with punctuation between letters or digits: a name of several segments. */
const COMPOUND = /[\p{L}\p{N}][^\p{L}\p{N}'’]+[\p{L}\p{N}]/u;
/** Segments taken from one word at most: a long URL adds no more. */
const MAX_SEGMENTS = 12;

/**
 * The segments of a name worth indexing: two characters or more, with a letter
 * (`MyDispids` of `MyDispids.H`). None for a word without punctuation inside.
 */
export function wordSegments(word: string): { start: number; end: number }[] {
  if (!COMPOUND.test(word)) return [];
  const out: { start: number; end: number }[] = [];
  for (const m of word.matchAll(SEGMENT)) {
    if (m[0].length < 2 || !/\p{L}/u.test(m[0])) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
    if (out.length === MAX_SEGMENTS) break;
  }
  return out;
}

/** Every segment of the body's words (spaces between them), in order: what the index holds after the body. */
export function bodySegments(words: readonly string[]): Segment[] {
  const out: Segment[] = [];
  words.forEach((w, word) => {
    for (const s of wordSegments(w)) out.push({ word, ...s });
  });
  return out;
}

export const segmentText = (words: readonly string[], s: Segment) => words[s.word]!.slice(s.start, s.end);
