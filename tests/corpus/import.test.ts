/**
 * The import's round trip: every original text file of the archive, imported
 * (in memory, through the same pure function `npm run import` uses), reads as
 * the archive's own Markdown article of that id does: the same fields and the
 * same body words in order. The only difference allowed is character decoding:
 * the archive has `<A0>` markers (which the reader decodes), HTML entities in
 * titles (`&quot;`, escaped once more when the text file already had `&amp;`)
 * and `'` for the curly quotes of a few titles, where the import has the real
 * characters.
 *
 * Needs the corpus (txt.tar.gz and articles.tar.gz, see corpus.ts): skipped
 * without it, except under CI=true. The categories of every difference
 * are printed, allowed or not.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { importTxt } from '../../src/lib/kb/import/txt.ts';
import { referenceArchive } from '../../src/utils/reference-archive.ts';
import { parseArticleSource, type ArticleSource } from '../../src/lib/kb/source.ts';
import { corpusArticlesDir, corpusTxtDir, describeCorpus, listTxtFiles } from './corpus.ts';

/**
 * The agreement measured on the archive (54,149 text files, all with a Markdown
 * article): every one agrees. A lower rate means the import or the reader changed.
 */
const MIN_AGREEMENT = 1;

const FIELDS = [
  'id',
  'title',
  'products',
  'versions',
  'operatingSystems',
  'keywords',
  'lastModified',
  'trailer',
  'queryWords',
] as const satisfies readonly (keyof ArticleSource)[];

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/** The archive's titles are HTML-escaped once (`&quot;`, `&amp;`, `&#91;`): undone. */
function unescapeHtml(s: string): string {
  return s.replace(/&(?:#(\d+)|([a-z]+));/g, (m, num: string | undefined, name: string | undefined) =>
    num !== undefined ? String.fromCharCode(Number(num)) : (ENTITIES[name!] ?? m),
  );
}

/** Curly quotes (0x91-0x94), which the archive's titles have as `'`. */
const CURLY = /[\u2018\u2019\u201C\u201D]/g;
const foldQuotes = (s: string) => s.replace(CURLY, "'");

/** What kind of character difference turns `archive` into `imported`. */
function decodingKind(archive: string, imported: string): string {
  const kinds: string[] = [];
  if (/&(?:#\d+|[a-z]+);/.test(archive)) kinds.push('HTML entities in the archive');
  if (/[\u2018\u2019\u201C\u201D]/.test(imported) && !/[\u2018\u2019\u201C\u201D]/.test(archive)) {
    kinds.push("curly quotes (0x91-0x94) the archive has as '");
  }
  return kinds.join(' + ') || 'other character decoding';
}

const stable = (v: unknown) => JSON.stringify(v ?? null);
/** `stable` after undoing what character decoding may change in every string of it. */
const folded = (v: unknown, unescape = false) =>
  JSON.stringify(v ?? null, (_, x: unknown) => (typeof x === 'string' ? foldQuotes(unescape ? unescapeHtml(x) : x) : x));
const bodyWords = (a: ArticleSource) => a.bodyLines.join('\n').split(/\s+/).filter((w) => w !== '');

class Tally {
  readonly counts = new Map<string, { n: number; ids: string[] }>();
  add(category: string, id: string) {
    const c = this.counts.get(category) ?? { n: 0, ids: [] };
    c.n++;
    if (c.ids.length < 5) c.ids.push(id);
    this.counts.set(category, c);
  }
  get size() {
    return this.counts.size;
  }
  lines(): string[] {
    return [...this.counts]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, v]) => `  ${v.n.toLocaleString('en-US')} ${k} (e.g. ${v.ids.join(', ')})`);
  }
}

describeCorpus('importing the KB corpus text files', ['txt', 'articles'], () => {
  let txtFiles = 0;
  let compared = 0;
  let agreeing = 0;
  let identical = 0;
  let sameBodyLines = 0;
  let withoutArticle = 0;
  let ms = 0;
  const allowed = new Tally();
  const disagreements = new Tally();

  beforeAll(async () => {
    const [txtDir, articlesDir] = await Promise.all([corpusTxtDir(), corpusArticlesDir()]);
    const list = await listTxtFiles(txtDir);
    txtFiles = list.length;
    const started = performance.now();
    for (const abs of list) {
      const rel = path.relative(txtDir, abs);
      const id = path.basename(abs).replace(/\.txt$/i, '');
      let imported: ReturnType<typeof importTxt>;
      try {
        imported = importTxt(readFileSync(abs), rel, { notice: referenceArchive.notice });
      } catch (e) {
        disagreements.add(`import failed: ${(e as Error).message.replace(/^.*?:\d+: /, '')}`, id);
        continue;
      }
      const mdFile = path.join(articlesDir, imported.path);
      if (!existsSync(mdFile)) {
        withoutArticle++;
        continue;
      }
      compared++;
      let archive: ArticleSource;
      let ours: ArticleSource;
      try {
        archive = parseArticleSource(readFileSync(mdFile, 'utf8'), imported.path);
      } catch (e) {
        disagreements.add(`archive article does not load: ${(e as Error).message}`, id);
        continue;
      }
      try {
        ours = parseArticleSource(imported.markdown, imported.path);
      } catch (e) {
        disagreements.add(`imported article does not load: ${(e as Error).message.replace(/^.*?:\d+: /, '')}`, id);
        continue;
      }
      let agrees = true;
      let exact = true;
      for (const field of FIELDS) {
        const a = stable(archive[field]);
        const b = stable(ours[field]);
        if (a === b) continue;
        exact = false;
        if (folded(archive[field], field === 'title') === folded(ours[field])) {
          allowed.add(`${field}: ${decodingKind(a, b)}`, id);
        } else {
          agrees = false;
          disagreements.add(`${field} differs`, id);
        }
      }
      if (ours.productCode !== imported.article.productCode) {
        agrees = false;
        disagreements.add('the [product] code is not the front matter product', id);
      }
      const wa = bodyWords(archive);
      const wb = bodyWords(ours);
      if (stable(wa) !== stable(wb)) {
        exact = false;
        if (folded(wa) === folded(wb)) allowed.add(`body words: ${decodingKind(stable(wa), stable(wb))}`, id);
        else {
          agrees = false;
          disagreements.add('body words differ', id);
        }
      }
      if (stable(archive.bodyLines) === stable(ours.bodyLines)) sameBodyLines++;
      if (agrees) agreeing++;
      if (exact) identical++;
    }
    ms = performance.now() - started;
    const pct = (n: number) => `${((100 * n) / Math.max(1, compared)).toFixed(3)}%`;
    console.log(
      [
        `KB import round trip: ${txtFiles.toLocaleString('en-US')} text files, ${compared.toLocaleString('en-US')} with a ` +
          `Markdown article (${withoutArticle} without), in ${(ms / 1000).toFixed(1)} s`,
        `  agree: ${agreeing.toLocaleString('en-US')} (${pct(agreeing)}); identical without any decoding difference: ` +
          `${identical.toLocaleString('en-US')} (${pct(identical)}); same body lines: ${sameBodyLines.toLocaleString('en-US')} (${pct(sameBodyLines)})`,
        `allowed character-decoding differences:${allowed.size ? '' : ' none'}`,
        ...allowed.lines(),
        `disagreements:${disagreements.size ? '' : ' none'}`,
        ...disagreements.lines(),
      ].join('\n'),
    );
  });

  it('has the corpus', () => {
    expect(txtFiles).toBeGreaterThan(50_000);
    expect(compared).toBeGreaterThan(50_000);
  });

  it(`agrees with the archive's Markdown for at least ${MIN_AGREEMENT * 100}% of the articles`, () => {
    expect(agreeing / compared, ['disagreements:', ...disagreements.lines()].join('\n')).toBeGreaterThanOrEqual(
      MIN_AGREEMENT,
    );
  });
});
