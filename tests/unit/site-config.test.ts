import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../src/integrations/kb-archive/config.ts';
import { parseProductTable, productCatalog } from '../../src/lib/kb/products.ts';
import { referenceArchive } from '../../src/utils/reference-archive.ts';
import { repoRoot } from '../corpus/corpus.ts';

/** A project folder with a content folder and the files given. */
function project(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kb-project-'));
  mkdirSync(path.join(root, 'content'));
  writeFileSync(path.join(root, 'content/products.tsv'), 'code\tname\nexchange\tMicrosoft Exchange\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const errorOf = (f: () => unknown): ConfigError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no ConfigError');
};

describe('resolving the site config', () => {
  it('defaults to the reference archive', () => {
    const c = resolveConfig(undefined, { root: repoRoot, env: {} });
    expect(c.title).toBe(referenceArchive.title);
    expect(c.notice).toBe(referenceArchive.notice);
    expect(c.contentDir).toBe(path.join(repoRoot, 'content'));
    expect(c.site).toBe('http://localhost:4321');
    expect(c.productTable).toHaveLength(46);
    expect(c.productTable.find((p) => p.code === 'msj')).toEqual({ code: 'msj', name: 'Microsoft Systems Journal', aliases: ['Miscrosoft Systems Journal'] });
  });

  it('takes options, then the KB_CONFIG file (paths from its folder), then the environment', () => {
    const root = project({ 'conf/kb.json': JSON.stringify({ title: 'From file', products: 'p.tsv', notice: false }), 'conf/p.tsv': 'code\tname\nx\tX\n', 'mine/a.md': '' });
    const env = { KB_CONFIG: 'conf/kb.json', KB_SITE_URL: 'https://kb.example.com' };
    const c = resolveConfig({ title: 'From options', description: 'Options', contentDir: 'mine', site: 'https://options.example' }, { root, env, cwd: root });
    expect(c).toMatchObject({ title: 'From file', description: 'Options', notice: false, site: 'https://kb.example.com', contentDir: path.join(root, 'mine') });
    expect(c.products).toBe(path.join(root, 'conf/p.tsv'));
    expect(c.productTable).toEqual([{ code: 'x', name: 'X' }]);
    expect(resolveConfig({ contentDir: 'mine' }, { root, env: { KB_CONTENT_DIR: 'content' }, cwd: root }).contentDir).toBe(path.join(root, 'content'));
  });

  it('names every bad field', () => {
    const e = errorOf(() => resolveConfig({ title: '', favicon: 'a b', site: 'ftp://x' } as never, { root: project(), env: {} }));
    expect(e.message).toContain('`title`');
    expect(e.message).toContain('`favicon`: must be the path of a file in public/');
    expect(e.message).toContain('`site`: must be an http(s) URL');
    expect(e.hint).toContain('Site config');
  });

  it('says which folder or file is missing', () => {
    expect(errorOf(() => resolveConfig({ contentDir: 'nope' }, { root: project(), env: {} })).message).toMatch(/`contentDir`: .*nope does not exist/);
    expect(errorOf(() => resolveConfig({ products: 'none.tsv' }, { root: project(), env: {} })).message).toMatch(/`products`: cannot read .*none\.tsv/);
    expect(errorOf(() => resolveConfig({}, { root: project(), env: { KB_CONFIG: '/no/such.json' } })).message).toContain('KB_CONFIG: cannot read /no/such.json');
  });
});

describe('the product table', () => {
  it('reads the columns by name, with aliases, and ignores others', () => {
    expect(parseProductTable('articles\tname\tcode\taliases\n5\tMicrosoft Mail\tmail\tMS Mail | Mail\n\n', 'p.tsv')).toEqual([
      { code: 'mail', name: 'Microsoft Mail', aliases: ['MS Mail', 'Mail'] },
    ]);
  });
  it('lists every bad line with its number', () => {
    expect(() => parseProductTable('code\tname\nok\tOK\nBad\tX\nok\tAgain\nempty\t\n', 'p.tsv')).toThrow(
      'p.tsv:3: line 3: product code `Bad` must be lower-case letters, digits, `_` or `-`; line 4: product code `ok` is used twice: also on line 2; line 5: product `empty` has no name',
    );
    expect(() => parseProductTable('id\ttitle\n', 'p.tsv')).toThrow('p.tsv:1: the first line must name the tab-separated columns `code` and `name`');
  });
  it('files articles by name, alias, or their own code, and slugs the unknown', () => {
    const productsOf = productCatalog([{ code: 'mail', name: 'Mail Server', aliases: ['Mial Server'] }, { code: 'c', name: 'C Library' }]);
    expect(productsOf({ products: ['Mail Server', 'Mial Server'] })).toEqual([
      { code: 'mail', name: 'Mail Server' },
      { code: 'mail', name: 'Mail Server' },
    ]);
    expect(productsOf({ products: ['See article'], productCode: 'c' })).toEqual([{ code: 'c', name: 'C Library' }]);
    expect(productsOf({ products: ['Tools & Things 2.0'] })).toEqual([{ code: 'tools-things-20', name: 'Tools & Things 2.0' }]);
  });
});
