import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KbParseError } from '../../src/lib/kb/errors.ts';
import { parseArticleSource } from '../../src/lib/kb/source.ts';

const root = path.resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');

describe('parseArticleSource', () => {
  it('reads the design variant (no wrapper, permalink without slash)', () => {
    const a = parseArticleSource(read('content/kb/192/Q192493.md'), 'kb/192/Q192493.md');
    expect(a).toMatchObject({
      id: 'Q192493',
      number: 192493,
      bucket: '192',
      title: "XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key",
      products: ['Microsoft Exchange'],
      versions: ['WinNT:5.5'],
      operatingSystems: [],
      keywords: ['exc55sp2fix'],
      lastModified: '1999-04-22',
      queryWords: 'MCIS EX',
      trailer: {
        keywords: 'exc55sp2fix',
        technology: 'kbExchangeSearch kbExchange550 kbZNotKeyword2',
        version: 'WinNT:5.5',
        issueType: 'kbbug',
        solutionType: 'kbfix',
      },
    });
    expect(a.bodyLines[0]).toBe('');
    expect(a.bodyLines).toContain('SYMPTOMS');
    expect(a.bodyLines.join('\n')).not.toContain('Keywords          :');
  });

  it('reads the archive variant and drops the {% raw %} wrapper', () => {
    const a = parseArticleSource(read('content/kb/900/Q900001/README.md'), 'kb/900/Q900001/README.md');
    expect(a.id).toBe('Q900001');
    const body = a.bodyLines.join('\n');
    expect(body).not.toContain('{% raw %}');
    expect(body).not.toContain('{% endraw %}');
    expect(body).toContain('Spoolss.dll');
  });

  it('keeps the product code of a `See article` keyword tail', () => {
    const a = parseArticleSource(read('content/kb/900/Q900003/README.md'), 'kb/900/Q900003/README.md');
    expect(a.products).toEqual(['See article']);
    expect(a.productCode).toBe('mspl13_c');
    expect(a.operatingSystems).toEqual(['MS-DOS', 'OS/2']);
  });

  it('takes query words that wrap onto the next lines, and only keyword-like lines', () => {
    const article = (tail: string) =>
      `---\ntitle: "Q900099: Wrapped"\npermalink: /kb/900/Q900099/\n---\n\n\tArticle: Q900099\n\tLast Modified: 01-JAN-2000\n\t\n\tSUMMARY\n\t=======\n\t\n\tText.\n\t\n${tail}`;
    const wrapped = parseArticleSource(article('\tAdditional query words: upper lower kbRDO\n\tkbVBp kbIE300\n'), 'Q900099.md');
    expect(wrapped.queryWords).toBe('upper lower kbRDO kbVBp kbIE300');
    expect(wrapped.bodyLines.join('\n')).not.toContain('kbVBp');
    // A sentence after the line is body text, not more query words.
    const sentence = parseArticleSource(article('\tAdditional query words: upper\n\tSee also the next article.\n'), 'Q900099.md');
    expect(sentence.queryWords).toBeUndefined();
    expect(sentence.bodyLines.join('\n')).toContain('See also the next article.');
  });

  it('reads CRLF files and decodes stray bytes in the title', () => {
    const a = parseArticleSource(read('content/kb/900/Q900005/README.md'), 'kb/900/Q900005/README.md');
    expect(a.title).toBe('Stray Bytes\u00a0and CRLF Line Ends');
    expect(a.bodyLines.join('\n')).toContain('don\u2019t');
    expect(a.bodyLines.join('\n')).not.toContain('\r');
  });

  it('names file, line and reason when it cannot load an article', () => {
    const bad = '---\ntitle: "Q900200: x"\npermalink: /kb/900/Q900201/\n---\n\n\tArticle: Q900200\n';
    try {
      parseArticleSource(bad, 'x/Q900200.md');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KbParseError);
      expect((e as KbParseError).issue).toEqual({
        file: 'x/Q900200.md',
        line: 3,
        reason: 'permalink `/kb/900/Q900201/` disagrees with the id Q900200 (expected `/kb/900/Q900200/`)',
      });
    }
  });
});

describe('titles', () => {
  const withTitle = (title: string) =>
    parseArticleSource(`---\ntitle: "${title}"\npermalink: /kb/900/Q900300/\n---\n\n\tArticle: Q900300\n`, 'Q900300.md').title;
  it('decodes the HTML entities the archive left in some titles, once', () => {
    expect(withTitle('Q900300: Scope Marked &quot;Bad&quot; &#91;1&#93; &amp;amp;')).toBe('Scope Marked "Bad" [1] &amp;');
  });
  it('keeps text that only looks like markup', () => {
    expect(withTitle('Q900300: IF <condition> THEN & ELSE')).toBe('IF <condition> THEN & ELSE');
  });
});
