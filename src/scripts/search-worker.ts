/**
 * The search engine's worker: loads the index on its first message and
 * answers the search page (search-client.ts) in search-protocol.ts's terms.
 */
import type { WordMatch } from '../lib/search/rank.ts';
import { SearchEngine } from './search-engine.ts';
import type { Answers, Message, Reply } from './search-protocol.ts';

const engine = SearchEngine.load();
/** The last search's matches, for the positions of the articles the page shows. */
let last: WordMatch[] = [];

async function answer(m: Message): Promise<{ result: Answers[Message['call']]; transfer?: Transferable[] }> {
  const e = await engine;
  switch (m.call) {
    case 'init':
      return { result: { articles: e.articles, buckets: e.buckets, common: e.common, ...(e.delta && { delta: e.delta }) } };
    case 'search': {
      const { words, phrase, verbatim } = m.request;
      const found = await e.search(words, phrase, verbatim);
      last = found.matches;
      const articles = Int32Array.from(found.ranked, (r) => r.article);
      const scores = Float64Array.from(found.ranked, (r) => r.score);
      const result = { articles, scores, dropped: found.dropped, words: found.words, corrections: [...found.corrections] };
      return { result, transfer: [articles.buffer, scores.buffer] };
    }
    case 'positions':
      return { result: m.articles.map((a) => last.flatMap((w) => w.hits.get(a) ?? [])) };
    case 'preload':
      e.preload(m.words);
      return { result: null };
  }
}

self.addEventListener('message', (event: MessageEvent<Message>) => {
  const m = event.data;
  answer(m).then(
    ({ result, transfer = [] }) => self.postMessage({ id: m.id, result } satisfies Reply, { transfer }),
    (err: unknown) => self.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies Reply),
  );
});
