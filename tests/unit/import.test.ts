/**
 * `npm run import`: the pure text-file converter (src/lib/kb/import/txt.ts) on
 * made-up text files in tests/fixtures/import/, and the CLI (scripts/import.ts)
 * on copies of them: idempotence, --force, failures reported with path and reason.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kbDateToIso } from '../../src/lib/kb/dates.ts';
import { KbParseError } from '../../src/lib/kb/errors.ts';
import { decodeTxtBytes, importTxt, parseTxt, txtDateToIso } from '../../src/lib/kb/import/txt.ts';
import { parseArticleSource } from '../../src/lib/kb/source.ts';
import { referenceArchive } from '../../src/utils/reference-archive.ts';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'tests/fixtures/import');
const bytes = (name: string) => readFileSync(path.join(fixtures, name));
/** The fixtures end with the reference archive's notice, which its config drops. */
const notice = referenceArchive.notice;
/** Imports a fixture and reads the result back the way the site does. */
function roundTrip(name: string) {
  const imported = importTxt(bytes(name), `tests/fixtures/import/${name}`, { notice });
  return { ...imported, source: parseArticleSource(imported.markdown, imported.path) };
}
/** The KbParseError an import throws, as `{ file, line, reason }`. */
function issueOf(text: string | Uint8Array, file = 'txt/900/Q900599.TXT') {
  try {
    importTxt(text, file);
  } catch (e) {
    if (e instanceof KbParseError) return e.issue;
    throw e;
  }
  throw new Error('expected the import to fail');
}

const LEGAL = [
  'THE INFORMATION PROVIDED IN THE MICROSOFT KNOWLEDGE BASE IS',
  'PROVIDED "AS IS" WITHOUT WARRANTY OF ANY KIND.',
  '',
  'Copyright Microsoft Corporation 2001.',
].join('\r\n');
const txt = (header: string[], body = 'Some text.') =>
  [...header, '', '='.repeat(70), '', body, '', LEGAL].join('\r\n');
const HEADER = [
  'DOCUMENT:Q900599  07-SEP-2001  [word97]',
  'TITLE   :A Sample Title',
  'PRODUCT :Word 97 for Windows',
  'PROD/VER:WINDOWS:97',
  'OPER/SYS:',
  'KEYWORDS:kbprint',
];

describe('importTxt', () => {
  it('writes a normal article in the archive format, legal notice dropped', () => {
    const { markdown, path: out, article, source } = roundTrip('Q900501.TXT');
    expect(out).toBe('900/Q900501/README.md');
    expect(markdown).toBe(readFileSync(path.join(fixtures, 'Q900501.expected.md'), 'utf8'));
    expect(article.legalNotice).toBe(true);
    expect(markdown).not.toContain('THE INFORMATION PROVIDED');
    expect(markdown).not.toContain('Copyright Microsoft');
    expect(source).toMatchObject({
      id: 'Q900501',
      number: 900501,
      bucket: '900',
      title: 'OFF97: "Sample" Document Is Not Printed & Spooler Stops',
      products: ['Word 97 for Windows'],
      productCode: 'word97',
      versions: ['WINDOWS:97', 'winnt:4.0'],
      operatingSystems: [],
      keywords: ['kbprint', 'kbPrinting'],
      lastModified: '2001-09-07',
      queryWords: 'sample spooler',
      trailer: {
        keywords: 'kbprint kbPrinting',
        technology: 'kbWordSearch kbWord97',
        version: 'WINDOWS:97; winnt:4.0',
        issueType: 'kbbug',
        solutionType: 'kbfix',
      },
    });
    // One leading space less, as in the archive: ` - Microsoft Word` -> `- Microsoft Word`.
    expect(source.bodyLines).toContain('- Microsoft Word 97 for Windows ');
    expect(source.bodyLines).toContain('  Q900502 OFF97: How to Obtain the Sample Service Release');
    expect(source.bodyLines.at(-1)).toBe('');
  });

  it('turns CRLF into LF', () => {
    expect(bytes('Q900501.TXT').includes('\r\n')).toBe(true);
    const { markdown } = roundTrip('Q900501.TXT');
    expect(markdown).not.toContain('\r');
    expect(markdown.endsWith('{% endraw %}\n')).toBe(true);
  });

  it('puts a 5-digit id in its zero-padded bucket', () => {
    const { path: out, source, markdown } = roundTrip('Q99998.TXT');
    expect(out).toBe('099/Q99998/README.md');
    expect(markdown).toContain('permalink: /kb/099/Q99998/\nproduct: masm\n');
    // `PROD/VER::5.0,5.1,6.0` loses its extra colon, as the archive's Markdown does.
    expect(source.versions).toEqual(['5.0,5.1,6.0']);
    expect(source.operatingSystems).toEqual(['MS-DOS']);
    expect(source.keywords).toEqual([]);
    expect(source.lastModified).toBe('1989-12-16');
  });

  it('keeps an mspl13-style product code, which wins over a keyword tail', () => {
    const { source, markdown } = roundTrip('Q900503.TXT');
    expect(markdown).toContain('\nproduct: mspl13_c\n');
    expect(source.products).toEqual(['See article']);
    expect(source.keywords).toEqual(['ENDUSER', 'buglist5.10', 'mspl13_basic']);
    expect(source.productCode).toBe('mspl13_c');
  });

  it('decodes Windows-1252: real characters, markers only for what has none', () => {
    const raw = bytes('Q900504.TXT');
    for (const b of [0x92, 0xa0, 0xb7, 0x81, 0x1b]) expect(raw.includes(b)).toBe(true);
    const { markdown, source } = roundTrip('Q900504.TXT');
    expect(source.title).toBe('Sample Server Doesn\u2019t Start After Sample Update');
    expect(markdown).toContain('The sample server doesn\u2019t start.\u00A0This happens when:');
    expect(markdown).toContain('\t\u00B7 the sample update is installed');
    // 0x81 is undefined in Windows-1252 (U+FFFD would not load); ESC is a control character.
    expect(markdown).toContain('The log shows <81>bermittelt and the printer code <1B>&l6D.');
    expect(markdown).not.toContain('\uFFFD');
    expect(markdown).not.toMatch(/<(92|A0|B7)>/);
  });

  it('decodes bytes with the exact Windows-1252 table', () => {
    expect(decodeTxtBytes(Uint8Array.of(0x41, 0x92, 0x93, 0x94, 0x96, 0x80))).toBe('A\u2019\u201C\u201D\u2013\u20AC');
    expect(decodeTxtBytes(Uint8Array.of(0x61, 0x8d, 0x62))).toBe('a<8D>b');
    expect(decodeTxtBytes(Buffer.from('plain ASCII\r\n'))).toBe('plain ASCII\r\n');
  });

  it('reads a file without the legal notice to its end', () => {
    expect(bytes('Q900505.TXT').includes('\r')).toBe(false);
    const { article, source, markdown } = roundTrip('Q900505.TXT');
    expect(article.legalNotice).toBe(false);
    expect(source.trailer).toMatchObject({ keywords: 'exc55sp2fix', issueType: 'kbbug' });
    expect(source.queryWords).toBe('MCIS EX');
    expect(markdown.endsWith('\t' + '='.repeat(77) + '\n\t\n\n{% endraw %}\n')).toBe(true);
  });

  it('fails on a file without a DOCUMENT line, naming the file and the reason', () => {
    const issue = issueOf(bytes('Q900506.TXT'), 'tests/fixtures/import/Q900506.TXT');
    expect(issue.file).toBe('tests/fixtures/import/Q900506.TXT');
    expect(issue.line).toBe(1);
    expect(issue.reason).toMatch(/no `DOCUMENT:Q<id> {2}<date> {2}\[<product>\]` line/);
    expect(issue.reason).toContain('TITLE   :Sample Article Without a DOCUMENT Line');
  });

  it('fails with the line and reason of other problems', () => {
    expect(issueOf('')).toMatchObject({ line: 1, reason: 'empty file' });
    expect(issueOf(Buffer.from('DOCUMENT:Q1\0'))).toMatchObject({ line: 1, reason: expect.stringMatching(/NUL/) });
    expect(issueOf(txt(['DOCUMENT:Q900599  31-APR-1999  [word97]', ...HEADER.slice(1)]))).toMatchObject({
      line: 1,
      reason: '`31-APR-1999` is not a date like 07-SEP-2001',
    });
    expect(issueOf(txt(['DOCUMENT:900599  07-SEP-2001  [word97]', ...HEADER.slice(1)]))).toMatchObject({
      line: 1,
      reason: '`900599` is not an article id (Q and digits)',
    });
    expect(issueOf(txt(['DOCUMENT:Q900599  07-SEP-2001  [Word 97]', ...HEADER.slice(1)]))).toMatchObject({ line: 1 });
    expect(issueOf(txt(HEADER), 'txt/900/Q900598.TXT')).toMatchObject({
      line: 1,
      reason: 'the file is named Q900598 but its DOCUMENT line says Q900599',
    });
    expect(issueOf(txt([...HEADER.slice(0, 3), 'AUTHOR  :someone', ...HEADER.slice(3)]))).toMatchObject({
      line: 4,
      reason: expect.stringMatching(/`AUTHOR {2}:someone` is not a header field/),
    });
    expect(issueOf(txt([HEADER[0]!, ...HEADER.slice(2)]))).toMatchObject({ reason: 'no `TITLE   :` line in the header' });
    expect(issueOf(txt([HEADER[0]!, 'TITLE   :', ...HEADER.slice(2)]))).toMatchObject({ line: 2, reason: 'the `TITLE` is empty' });
    expect(issueOf([...HEADER, '', 'No rule, straight into the body.'].join('\r\n'))).toMatchObject({
      line: 8,
      reason: expect.stringMatching(/no `====` rule after the header/),
    });
  });

  it('is deterministic: the same bytes give the same article', () => {
    const a = importTxt(bytes('Q900504.TXT'), 'Q900504.TXT').markdown;
    expect(importTxt(bytes('Q900504.TXT'), 'Q900504.TXT').markdown).toBe(a);
  });

  it('keeps a body copy of the notice that is not at the end', () => {
    const body = ['Quoted:', 'THE INFORMATION PROVIDED IN THE MICROSOFT KNOWLEDGE BASE IS', ...Array(30).fill('more text')];
    const a = parseTxt([...HEADER, '', '='.repeat(70), ...body].join('\n'), 'Q900599.TXT', { notice });
    expect(a.legalNotice).toBe(false);
    expect(a.body.split('\n')).toEqual(body);
  });

  it('drops the notice the site config names, and only that one', () => {
    const own = ['Contoso confidential: for the support team', 'only. Do not forward.'];
    const text = [...HEADER, '', '='.repeat(70), '', 'Body text.', '', ...own].join('\r\n');
    const dropped = parseTxt(text, 'Q900599.TXT', { notice: 'CONTOSO CONFIDENTIAL:   for the support team only.' });
    expect(dropped).toMatchObject({ legalNotice: true, body: 'Body text.' });
    // Without a notice, or with another archive's, every line stays.
    for (const options of [{}, { notice: false as const }, { notice }]) {
      const kept = parseTxt(text, 'Q900599.TXT', options);
      expect(kept.legalNotice).toBe(false);
      expect(kept.body.split('\n')).toEqual(['Body text.', '', ...own]);
    }
  });

  it('has the reader take `product:` from the front matter, and check it', () => {
    const article = (product: string) =>
      [
        '---',
        'title: "Q900599: A Sample Title"',
        ...(product ? [product] : []),
        '---',
        '',
        '\tArticle: Q900599',
        '\tKeyword(s): ENDUSER | mspl13_basic',
        '\tText.',
        '',
      ].join('\n');
    expect(parseArticleSource(article('product: word97'), 'Q900599.md').productCode).toBe('word97');
    expect(parseArticleSource(article(''), 'Q900599.md').productCode).toBe('mspl13_basic');
    for (const bad of ['product: Word 97', 'product: 97', 'product: [word97]']) {
      expect(() => parseArticleSource(article(bad), 'Q900599.md'), bad).toThrow(
        'Q900599.md:3: `product` must be a product code like `word97`',
      );
    }
  });

  it('reads dates as the site does', () => {
    for (const d of ['07-SEP-2001', '7-SEP-2001', '29-FEB-2000', '29-FEB-1900', '31-APR-1999', '31-DEC-1986', '1-jan-1995', '00-JAN-1990', 'SEP-07-2001']) {
      expect(txtDateToIso(d), d).toBe(kbDateToIso(d));
    }
  });
});

describe('npm run import', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'kb-import-test-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const node = existsSync(path.join(root, 'node_modules/.bin/node')) ? path.join(root, 'node_modules/.bin/node') : process.execPath;
  const run = (...args: string[]) => {
    const r = spawnSync(node, [path.join(root, 'scripts/import.ts'), ...args], { cwd: root, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const good = path.join(temp, 'good');
  const out = path.join(temp, 'out');
  cpSync(fixtures, good, { recursive: true, filter: (f) => !f.endsWith('Q900506.TXT') });
  const files = () =>
    Object.fromEntries(
      readdirSync(out, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('README.md'))
        .sort()
        .map((f) => [f, readFileSync(path.join(out, f), 'utf8')]),
    );

  it('imports every text file and says so', () => {
    const r = run(good, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^import: 5 files in \d+\.\d s \([\d,]+ files\/s\): 5 imported, 0 unchanged, 0 skipped, 0 failed -> /);
    expect(Object.keys(files())).toEqual([
      '099/Q99998/README.md',
      '900/Q900501/README.md',
      '900/Q900503/README.md',
      '900/Q900504/README.md',
      '900/Q900505/README.md',
    ]);
    expect(files()['900/Q900501/README.md']).toBe(readFileSync(path.join(fixtures, 'Q900501.expected.md'), 'utf8'));
  });

  it('changes nothing the second time', () => {
    const before = files();
    const mtime = statSync(path.join(out, '900/Q900501/README.md')).mtimeMs;
    const r = run(good, '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: 0 imported, 5 unchanged, 0 skipped, 0 failed -> /);
    expect(files()).toEqual(before);
    expect(statSync(path.join(out, '900/Q900501/README.md')).mtimeMs).toBe(mtime);
  });

  it('never overwrites an article that differs, unless --force', () => {
    const file = path.join(out, '900/Q900503/README.md');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('Sample C Compiler', 'Edited C Compiler'));
    const kept = run(good, '--out', out);
    expect(kept.status).toBe(0);
    expect(kept.stdout).toMatch(/: 0 imported, 4 unchanged, 1 skipped, 0 failed -> /);
    expect(kept.stderr).toContain(file);
    expect(kept.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toContain('Edited C Compiler');

    const forced = run(good, '--out', out, '--force');
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/: 0 imported, 4 unchanged, 0 skipped, 1 overwritten, 0 failed -> /);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(readdirSync(path.dirname(file))).toEqual(['README.md']);
  });

  it('reports a file it cannot parse with its path and reason, carries on, and exits 1', () => {
    const mixed = path.join(temp, 'out-mixed');
    const r = run(fixtures, '--out', mixed);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path.join(fixtures, 'Q900506.TXT')}:1: no \`DOCUMENT:Q<id>  <date>  [<product>]\` line`);
    expect(r.stdout).toMatch(/: 5 imported, 0 unchanged, 0 skipped, 1 failed -> /);
    expect(existsSync(path.join(mixed, '900/Q900505/README.md'))).toBe(true);
  });

  it('refuses two text files with the same id', () => {
    const dup = path.join(temp, 'dup');
    cpSync(path.join(fixtures, 'Q900505.TXT'), path.join(dup, 'a/Q900505.TXT'));
    cpSync(path.join(fixtures, 'Q900505.TXT'), path.join(dup, 'b/Q900505.TXT'));
    const r = run(dup, '--out', path.join(temp, 'out-dup'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path.join(dup, 'b/Q900505.TXT')}:1: Q900505 again: ${path.join(dup, 'a/Q900505.TXT')} already imports it`);
  });

  it('explains its usage', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run import -- <txt dir> [--out <dir>] [--force]');
    expect(run(good, '--bogus').status).toBe(2);
  });
});
