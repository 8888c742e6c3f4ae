/**
 * The Pagefind index, built through Pagefind's Node API from lean records
 * (search-record.ts) rather than by crawling the built pages. Records are
 * added many at a time (one await each is what makes naive indexing slow).
 * An index whose records are all unchanged since the last build is kept as is.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';

export interface SearchRecord {
  url: string;
  html: string;
}

export interface SearchIndexResult {
  records: number;
  /** False when the previous index was kept because no record changed. */
  rebuilt: boolean;
  seconds: number;
}

const IN_FLIGHT = 256;

export class SearchIndexBuilder {
  readonly #records: SearchRecord[] = [];
  readonly #hash = createHash('sha256');

  add(record: SearchRecord) {
    this.#records.push(record);
    this.#hash.update(record.url).update('\0').update(record.html).update('\0');
  }

  /**
   * Writes the index to `<stagingDir>/pagefind`, unless the same records made the
   * one already in `<outDir>/pagefind`: a stamp of the records' hash is kept inside
   * the bundle itself. The build moves a new bundle into place when it succeeds.
   */
  async write(outDir: string, stagingDir: string): Promise<SearchIndexResult> {
    const started = performance.now();
    const digest = this.#hash.digest('hex');
    const current = path.join(outDir, 'pagefind');
    const done = (rebuilt: boolean) => ({ records: this.#records.length, rebuilt, seconds: (performance.now() - started) / 1000 });
    const stamp = path.join(current, 'records.sha256');
    const previous = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
    if (previous === digest && existsSync(path.join(current, 'pagefind-entry.json'))) return done(false);

    const bundle = path.join(stagingDir, 'pagefind');
    const stampFile = path.join(bundle, 'records.sha256');
    rmSync(bundle, { recursive: true, force: true });
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    try {
      const problems: string[] = [];
      for (let i = 0; i < this.#records.length; i += IN_FLIGHT) {
        const batch = this.#records.slice(i, i + IN_FLIGHT);
        const results = await Promise.all(batch.map((r) => index.addHTMLFile({ url: r.url, content: r.html })));
        results.forEach((res, j) => res.errors.forEach((e) => problems.push(`${batch[j]!.url}: ${e}`)));
      }
      if (problems.length > 0) throw new Error(`Pagefind rejected ${problems.length} records:\n${problems.slice(0, 20).join('\n')}`);
      const written = await index.writeFiles({ outputPath: bundle });
      if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    } finally {
      await pagefind.close();
    }
    writeFileSync(stampFile, digest);
    return done(true);
  }
}
