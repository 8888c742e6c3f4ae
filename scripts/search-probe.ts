/**
 * node scripts/search-probe.ts <dist> [--queries <file.json>] [--query "words"] [--json]
 *
 * Serves a built site and, in Chromium, measures the bytes a first search
 * transfers (by kind of file), then how many relevance queries find their
 * article in the top 3. See scripts/lib/search-probe.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatProbe, pagefindIndexSize, parseQueries, probeSearch } from './lib/search-probe.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { queries: { type: 'string' }, query: { type: 'string' }, json: { type: 'boolean', default: false } },
});
if (positionals.length !== 1) {
  console.error('usage: node scripts/search-probe.ts <dist> [--queries tests/fixtures/relevance/archive.json] [--query "words"] [--json]');
  process.exit(2);
}
const dist = path.resolve(positionals[0]!);
const queries = values.queries ? parseQueries(readFileSync(values.queries, 'utf8')) : undefined;
const index = pagefindIndexSize(dist);
const result = await probeSearch(dist, { query: values.query, queries });
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
if (values.json) console.log(JSON.stringify({ index, ...result }, null, 2));
else {
  console.log(
    `index: ${mb(index.bytes)} in ${index.files} files (chunks ${mb(index.parts.index.bytes)}, fragments ${mb(index.parts.fragment.bytes)}, filters ${mb(index.parts.filter.bytes)}, metadata ${mb(index.parts.meta.bytes)})`,
  );
  for (const line of formatProbe(result)) console.log(line);
  for (const f of result.transfer.files) console.log(`    ${String(f.bytes).padStart(8)}  ${f.kind.padEnd(12)}${f.url}`);
}
console.log(
  `search-probe: ${JSON.stringify({
    indexBytes: index.bytes,
    transferBytes: result.transfer.totalBytes,
    searchBytes: result.transfer.searchBytes,
    firstSearchMs: Math.round(result.transfer.ms),
    hits: result.relevance?.hits,
    queries: result.relevance?.total,
    byKind: result.relevance?.byKind,
    latencyMs: result.relevance?.latency,
    longTasks: result.relevance?.longTasks,
  })}`,
);
