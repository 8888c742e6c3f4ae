import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BODY_START, COMMON_MIN_ARTICLES, COMMON_SHARE, PAD } from '../../src/lib/search/layout.ts';
import { decodeSlots, TABLE_FILE, type SearchTable } from '../../src/lib/search/table.ts';
import { astroBuild } from './astro.ts';
import { page } from './html.ts';

/** 1,200 generated articles of one product: more than one listing page holds. */
const COUNT = 1200;
const out = mkdtempSync(path.join(os.tmpdir(), 'kb-paged-'));
const UNKNOWN = 'Contoso Help Desk 3.0 & <Tools>';

beforeAll(() => {
  const content = mkdtempSync(path.join(os.tmpdir(), 'kb-many-'));
  for (let i = 0; i < COUNT; i++) {
    const n = 960000 + i * 7; // spans buckets 960-968
    const id = `Q${n}`;
    const dir = path.join(content, String(n).slice(0, 3), id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'README.md'),
      `---\ntitle: "${id}: Generated Article Number ${i} About a Long Title That Fills a Listing Row"\npermalink: /kb/${String(n).slice(0, 3)}/${id}/\n---\n\n\tArticle: ${id}\n\tProduct(s): Microsoft Windows NT\n\tVersion(s): winnt:4.0\n\tOperating System(s): \n\tKeyword(s): kbgen\n\tLast Modified: 01-JAN-2001\n\t\n\tSUMMARY\n\t=======\n\t\n\tGenerated text. Serial${i}\n`,
    );
  }
  // Three of a product products.tsv does not know, with markup in its name.
  for (let i = 1; i <= 3; i++) {
    const id = `Q96900${i}`;
    mkdirSync(path.join(content, '969', id), { recursive: true });
    writeFileSync(
      path.join(content, '969', id, 'README.md'),
      `---\ntitle: "${id}: Unknown Product Article ${i}"\npermalink: /kb/969/${id}/\n---\n\n\tArticle: ${id}\n\tProduct(s): ${UNKNOWN}\n\tVersion(s): 3.0\n\tOperating System(s): \n\tKeyword(s): kbgen\n\tLast Modified: 02-FEB-2002\n\t\n\tSUMMARY\n\t=======\n\t\n\tGenerated text.\n`,
    );
  }
  const run = astroBuild(content, out);
  if (run.status !== 0) throw new Error(run.output);
});

describe('long listings', () => {
  it('split a product into pages of 500 with links between them', () => {
    const first = page('/id/winnt/', out);
    expect(first('tbody tr')).toHaveLength(500);
    expect(first('h1').text()).toBe('Microsoft Windows NT (page 1 of 3)');
    expect(first('.page-numbers a').map((_, a) => first(a).attr('href')).get()).toEqual(['/id/winnt/2/', '/id/winnt/3/']);
    const last = page('/id/winnt/3/', out);
    expect(last('tbody tr')).toHaveLength(COUNT - 1000);
    expect(last('a[rel=prev]').attr('href')).toBe('/id/winnt/2/');
    expect(last('tbody tr a').last().attr('href')).toBe(`/kb/968/Q${960000 + (COUNT - 1) * 7}/`);
  });
  it('keep every listing page under 300 KB', () => {
    for (const p of ['id/winnt/index.html', 'id/winnt/2/index.html', 'kb/960/index.html', 'kb/index.html']) {
      expect(statSync(path.join(out, p)).size).toBeLessThan(300_000);
    }
  });
});

describe('a product products.tsv does not know', () => {
  it('is listed under a slug of its name, the name shown as text', () => {
    const $ = page('/id/contoso-help-desk-30-tools/', out);
    expect($('h1').text()).toBe(UNKNOWN);
    expect($('tbody tr a').map((_, a) => $(a).attr('href')).get()).toEqual(['/kb/969/Q969001/', '/kb/969/Q969002/', '/kb/969/Q969003/']);
    expect($('main tools')).toHaveLength(0);
    const all = page('/id/', out);
    expect(all('tbody a').filter((_, a) => all(a).text() === UNKNOWN).attr('href')).toBe('/id/contoso-help-desk-30-tools/');
    const article = page('/kb/969/Q969001/', out);
    expect(article('dl.meta a').map((_, a) => article(a).attr('href')).get()).toEqual(['/id/contoso-help-desk-30-tools/']);
  });
});

describe('the search index of a large archive', () => {
  it('lists the words most articles have as common, with their article counts, and only those', () => {
    const table = JSON.parse(readFileSync(path.join(out, 'pagefind', TABLE_FILE), 'utf8')) as SearchTable;
    const common = new Map(table.common);
    // Every body says "Generated text."; every title has "Article".
    expect(common.get('generated')).toBe(COUNT + 3);
    expect(common.get('text')).toBe(COUNT + 3);
    expect(common.get('article')).toBe(COUNT + 3);
    // "Unknown" is in 3 articles, "Contoso" in 3: far from common.
    expect(common.has('unknown') || common.has('contoso')).toBe(false);
    for (const [, n] of table.common) expect(n).toBeGreaterThanOrEqual(Math.max(COMMON_MIN_ARTICLES, COMMON_SHARE * (COUNT + 3)));
  });
  it('keeps common words in titles and leaves them out of bodies, a run of them held by one padding word', () => {
    const dir = path.join(out, 'pagefind', 'fragment');
    const texts = readdirSync(dir).map((f) => JSON.parse(gunzipSync(readFileSync(path.join(dir, f))).toString('utf8').replace(/^pagefind_dcd/, '')).content as string);
    const words = texts.join(' ').split(' ');
    // Every title says "Generated Article"; bodies say "Generated text. Serial<i>": padding for the two
    // common words, then the serial.
    expect(words.filter((w) => w === 'Generated')).toHaveLength(COUNT);
    expect(words).not.toContain('text.');
    for (const text of texts) expect(text.split(' ').slice(BODY_START, BODY_START + 2)).toEqual([PAD, expect.stringMatching(/^Serial\d+$/)]);
    const table = JSON.parse(readFileSync(path.join(out, 'pagefind', TABLE_FILE), 'utf8')) as SearchTable;
    expect(new Set(decodeSlots(table.slots))).toEqual(new Set([1]));
  });
});
