/**
 * Misspelled query words. Pagefind finds a word that is not in the index by
 * shortening it until some indexed word begins the rest, and says nothing of
 * it, so `MSExchagneES` finds whatever has `msexch...`. The build therefore
 * writes the archive's words (vocabulary.ts) in small files, one per first two
 * letters, that the browser fetches only for a word the index has no exact
 * match for:
 *
 * - when some archive word begins with it, the word is being typed, and its
 *   matches are the longer words it begins;
 * - otherwise it is corrected to the closest archive word by edit distance
 *   (adjacent letters swapped count as one edit), ties going to the word more
 *   articles have. Candidates come from the files for its first two letters,
 *   those two swapped, and its first and third: every swap, and any other slip
 *   past the second letter, is found.
 *
 * Pure: the build encodes, the browser decodes and corrects.
 */

/** The folder of word files beside the search bundle. */
export const WORDS_DIR = 'kb-words';

/** A word's letters and digits in their case, without diacritics: how the archive writes it. */
export function writtenForm(raw: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(raw)) return raw.replace(/[^A-Za-z0-9]+/g, '');
  return raw.normalize('NFD').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A word as the index keeps it whole: letters and digits only, lower case,
 * without diacritics (Pagefind's own normalisation of an indexed word).
 */
export const indexForm = (raw: string) => writtenForm(raw).toLowerCase();

/** The file (without folder and `.txt`) that holds the words starting with `prefix`'s first two characters. */
export function wordsFileKey(prefix: string): string {
  return [...prefix.slice(0, 2)].map((c) => (/[a-z0-9]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}`)).join('');
}

export const wordsFile = (key: string) => `${WORDS_DIR}/${key}.txt`;

export interface KnownWord {
  /** As indexForm gives it. */
  word: string;
  /** Articles that have it. */
  articles: number;
  /** How the archive writes it most often, when that is not `word` itself. */
  written?: string;
}

/**
 * One file's text: a line per word, in code-unit order, `word[,articles][,written]`
 * with the count in base 36 and left out when 1. A capitalised `written` is `^`.
 */
export function encodeWords(words: readonly KnownWord[]): string {
  return [...words]
    .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .map(({ word, articles, written }) => {
      const count = articles > 1 ? articles.toString(36) : '';
      const form = !written || written === word ? '' : written === word[0]!.toUpperCase() + word.slice(1) ? '^' : written;
      return form ? `${word},${count},${form}` : count ? `${word},${count}` : word;
    })
    .join('\n');
}

export function decodeWords(text: string): KnownWord[] {
  if (!text) return [];
  return text.split('\n').map((line) => {
    const [word = '', count, form] = line.split(',');
    const written = form === '^' ? word[0]!.toUpperCase() + word.slice(1) : form || undefined;
    return { word, articles: count ? Number.parseInt(count, 36) : 1, ...(written && { written }) };
  });
}

/** Whether some word of a file (decodeWords order) begins with `prefix`. */
export function hasWordStarting(words: readonly KnownWord[], prefix: string): boolean {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.word < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < words.length && words[lo]!.word.startsWith(prefix);
}

/** The files to look in for corrections of `word`: its first two letters, those swapped, its first and third. */
export function correctionFiles(word: string): string[] {
  const [a = '', b = '', c = ''] = [...word];
  return [...new Set([a + b, b + a, a + c].filter((p) => p.length === 2).map(wordsFileKey))];
}

/** Edits a correction may take: none for words of up to three letters, one up to five, then two. */
export const maxEdits = (word: string) => (word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2);

/**
 * Edit distance with adjacent swaps (optimal string alignment), or `max + 1`
 * as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      if (d < least) least = d;
    }
    if (least > max) return max + 1;
    before = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** The closest known word to `word` within maxEdits, ties to the one more articles have; undefined when none is. */
export function closestWord(word: string, known: Iterable<KnownWord>): KnownWord | undefined {
  const max = maxEdits(word);
  if (max === 0) return undefined;
  let best: KnownWord | undefined;
  let bestEdits = max + 1;
  for (const k of known) {
    if (k.word === word) continue;
    const d = editDistance(word, k.word, Math.min(max, bestEdits));
    if (d < bestEdits || (d === bestEdits && d <= max && best && k.articles > best.articles)) {
      best = k;
      bestEdits = d;
    }
  }
  return bestEdits <= max ? best : undefined;
}

/** A query with corrected words put in: each word whose index form was corrected becomes how the archive writes its correction. */
export function correctedQuery(q: string, corrections: ReadonlyMap<string, string>): string {
  return q
    .trim()
    .split(/(\s+)/)
    .map((part) => {
      const quoted = /^("?)(.*?)("?)$/.exec(part)!;
      const to = corrections.get(indexForm(quoted[2]!));
      return to === undefined ? part : `${quoted[1]}${to}${quoted[3]}`;
    })
    .join('');
}
