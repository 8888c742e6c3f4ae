/**
 * What the search page and its worker (search-worker.ts) say to each other:
 * small answers only. The worker keeps the last search's word matches and
 * sends the positions of the articles the page shows, never all of them.
 */
import type { SearchDelta } from '../lib/search/table.ts';

export interface SearchRequest {
  words: readonly string[];
  phrase: boolean;
  verbatim: boolean;
}

/** A search's answer: articles best first with their scores, as typed arrays (transferred, not copied). */
export interface SearchAnswer {
  articles: Int32Array;
  scores: Float64Array;
  dropped: string[];
  words: string[];
  corrections: [typed: string, written: string][];
}

export type Call =
  | { call: 'init' }
  | { call: 'search'; request: SearchRequest }
  | { call: 'positions'; articles: number[] }
  | { call: 'preload'; words: readonly string[] };

export interface Answers {
  /** The common words (layout.ts) take no body positions: excerpts need them to place a match. */
  init: { articles: number; buckets: [string, number][]; common: string[]; delta?: Pick<SearchDelta, 'numbers' | 'bucketNumbers'> };
  search: SearchAnswer;
  /** Per article asked for, the positions of the last search's words in it (layout.ts local positions). */
  positions: number[][];
  preload: null;
}

export type Message = { id: number } & Call;
export type Reply = { id: number; result?: unknown; error?: string };
