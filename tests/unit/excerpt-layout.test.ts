/**
 * The browser's excerpts find a match's body word from its position alone
 * (excerpt.ts `bodyMarks`), by laying the body out again: that must be the
 * layout the build gave the index (tokens.ts `RecordText`), common-word runs
 * and name segments included, or excerpts mark the wrong words. Checked on
 * every embedded article and on text made to trip it.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBody } from '../../src/lib/kb/body.ts';
import { scanArticleDir } from '../../src/lib/kb/scan.ts';
import { bodyText } from '../../src/lib/output/search-record.ts';
import { bodyMarks } from '../../src/lib/search/excerpt.ts';
import { BODY_START, PAD, splitWords, TITLE_END, type ArticleText } from '../../src/lib/search/layout.ts';
import { indexForm } from '../../src/lib/search/spelling.ts';
import { commonSpellings, layoutTokens, Lexicon, RecordText } from '../../src/lib/search/tokens.ts';

const articles: ArticleText[] = [];
beforeAll(async () => {
  await scanArticleDir(path.resolve('content'), ({ fields, bodyLines }) => {
    articles.push({ id: fields.id, title: fields.title, ...(fields.queryWords && { queryWords: fields.queryWords }), body: bodyText(parseBody(bodyLines).blocks) });
  });
  articles.push({
    id: 'Q1',
    title: 'The the',
    body: 'The the, THE. the the.ini run-the-tool the a a b. C:\\The\\Path\\Tool.exe and The end of THE.LOG the',
  });
});

/** Every body position of `a` that holds a word, and the word the browser marks for it: they must be the same word. */
function mismatches(a: ArticleText, common: ReadonlySet<string>): string[] {
  const lexicon = new Lexicon();
  const tokens = layoutTokens(a, lexicon);
  const record: string[] = [];
  new RecordText(lexicon, commonSpellings(lexicon, common), false).append(tokens, record);
  // Title and query words that did not fit their place come last; the excerpt does not cover them.
  const overflow = Math.max(0, 1 + splitWords(a.title).length - TITLE_END) + Math.max(0, splitWords(a.queryWords ?? '').length - (BODY_START - TITLE_END));
  const words = record.slice(BODY_START).filter((w) => w !== PAD);
  const body = a.body.split(' ');
  const out: string[] = [];
  let checked = 0;
  for (let p = BODY_START; p < record.length; p++) {
    const word = record[p]!;
    if (word === PAD) continue;
    const [mark] = bodyMarks(a.body, [p], [word], common);
    if (!mark) continue;
    checked++;
    const marked = mark.start === undefined ? body[mark.word]! : body[mark.word]!.slice(mark.start, mark.end);
    if (indexForm(marked) !== indexForm(word)) out.push(`${a.id} @${p}: index has ${word}, excerpt marks ${marked}`);
  }
  if (checked !== words.length - overflow) out.push(`${a.id}: ${checked} body positions marked, of ${words.length - overflow}`);
  return out;
}

describe('excerpt marks and the index layout', () => {
  it('agree on every body word and name segment, with no common words', () => {
    expect(articles.length).toBeGreaterThan(5);
    expect(articles.flatMap((a) => mismatches(a, new Set()))).toEqual([]);
  });

  it('agree where runs of common words hold one position each', () => {
    const common = new Set(['the', 'a', 'and', 'of', 'to', 'is', 'in', 'this', 'for', 'on']);
    expect(articles.flatMap((a) => mismatches(a, common))).toEqual([]);
  });
});
