/**
 * A search finds only articles that have every word of the query, so one word too
 * many (`EXE checksum wrong LINK /EXEPACK` for an article that says "incorrect")
 * finds nothing. Then the search page tries again without a word: first one no
 * article has, then the commonest, which tells least about what is sought.
 * Pure: the order in which to try them.
 */

/** The words of a query worth searching on their own: with a letter or digit. */
export function queryWords(q: string): string[] {
  return q.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** The words in the order to drop them, given how many pages each finds alone. */
export function dropOrder(words: readonly string[], counts: readonly number[]): string[] {
  return words
    .map((w, i) => ({ w, n: counts[i] ?? 0, i }))
    .sort((a, b) => (a.n === 0) !== (b.n === 0) ? (a.n === 0 ? -1 : 1) : b.n - a.n || a.i - b.i)
    .map((x) => x.w);
}
