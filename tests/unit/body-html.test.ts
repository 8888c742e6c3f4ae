/**
 * remark-kb-html against the reference it stands in for: remark-rehype then
 * rehype-stringify must give the same HTML, byte for byte, for every parser
 * fixture, every example article and hostile text (the corpus tests do the
 * same for the whole archive).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { listArticleFiles } from '../../src/lib/kb/scan.ts';
import { parseArticleBody } from '../../src/lib/kb/source.ts';
import remarkKbArticle from '../../src/markdown/remark-kb-article.ts';
import remarkKbHtml from '../../src/markdown/remark-kb-html.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Odd ids link, under a base that needs escaping and URL encoding; even ids stay text.
const hrefFor = (id: string) => (Number(id.slice(1)) % 2 === 1 ? `/a&b "c" 'd' \`e\`\0/kb/${id}/` : undefined);
const ours = unified().use(remarkKbArticle, { hrefFor }).use(remarkKbHtml).freeze();
const reference = unified().use(remarkKbArticle, { hrefFor }).use(remarkRehype).use(rehypeStringify).freeze();

const fixtures = path.join(root, 'tests/fixtures/parser');
const files = [
  ...readdirSync(fixtures).map((name) => path.join(fixtures, name, 'input.md')),
  ...listArticleFiles(path.join(root, 'content')),
];

describe('article bodies as HTML', () => {
  it.each(files.map((f) => [path.relative(root, f), f]))('%s: as remark-rehype and rehype-stringify give it', (_, file) => {
    const body = parseArticleBody(readFileSync(file, 'utf8'), file).join('\n');
    expect(String(ours.processSync(body))).toBe(String(reference.processSync(body)));
  });

  it('escapes hostile text the same way, and lists with no items', () => {
    const body = [
      'SYMPTOMS',
      '========',
      '',
      'A <script>alert("x")</script> & an &amp; entity, see Q100001 and Q100002.',
      '',
      '   if (a < b && c > d) { see Q100003 }',
      '',
      '   1. first <b>',
      '   2. second & third',
    ].join('\n');
    const html = String(ours.processSync(body));
    expect(html).toBe(String(reference.processSync(body)));
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="/a&#x26;b%20%22c%22%20&#x27;d&#x27;%20%60e%60%00/kb/Q100001/"');
    expect(html).toContain('href="/a&#x26;b &#x22;c&#x22; &#x27;d&#x27; &#x60;e&#x60;&#x0;/kb/Q100003/"');
  });

  it('refuses a node it has no HTML for, rather than dropping it', () => {
    const processor = unified().use(remarkKbHtml);
    expect(() => processor.stringify({ type: 'root', children: [{ type: 'thematicBreak' }] })).toThrow(/no HTML for a thematicBreak node/);
  });
});
