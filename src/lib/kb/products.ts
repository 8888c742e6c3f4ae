/**
 * Product listings: a code (the listing's path segment, `/id/<code>/`) and a
 * name. The table comes from the site config (a TSV file, `products.tsv`), so
 * each archive brings its own; codes keep an old site's links working. A
 * product the table lacks gets a slug of its name. Pure: text in, data out.
 */
import { slug } from 'github-slugger';
import { KbParseError, type KbIssue } from './errors.ts';

export interface ProductRow {
  /** The listing's path segment: `exchange`. */
  code: string;
  /** The name shown for the listing, and what an article's `Product(s):` line says. */
  name: string;
  /** Other spellings articles use for the same product. */
  aliases?: string[];
}

export interface ProductRef {
  /** The listing's path segment: `/id/<code>/`. */
  code: string;
  /** The name shown for the listing. */
  name: string;
}

/** What an article says of its product, as far as filing goes. */
export interface ProductFields {
  products: readonly string[];
  /** A code the article names itself (front matter or `| code` keyword tail). */
  productCode?: string;
}

const CODE = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Reads a product table: a header line naming at least the `code` and `name`
 * columns (tab-separated; other columns, such as an article count, are ignored),
 * then one product a line. An `aliases` column lists other spellings, `|`-separated.
 * Throws one KbParseError listing every bad line.
 */
export function parseProductTable(text: string, file: string): ProductRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split('\t').map((h) => h.trim().toLowerCase());
  const [codeAt, nameAt, aliasesAt] = ['code', 'name', 'aliases'].map((h) => header.indexOf(h));
  if (codeAt! < 0 || nameAt! < 0) {
    throw new KbParseError({ file, line: 1, reason: 'the first line must name the tab-separated columns `code` and `name`' });
  }
  const rows: ProductRow[] = [];
  const issues: KbIssue[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((line, i) => {
    const at = i + 2;
    if (line.trim() === '') return;
    const cells = line.split('\t').map((c) => c.trim());
    const code = cells[codeAt!] ?? '';
    const name = cells[nameAt!] ?? '';
    if (!CODE.test(code)) return issues.push({ file, line: at, reason: `product code \`${code}\` must be lower-case letters, digits, \`_\` or \`-\`` });
    if (name === '') return issues.push({ file, line: at, reason: `product \`${code}\` has no name` });
    const first = seen.get(code);
    if (first !== undefined) return issues.push({ file, line: at, reason: `product code \`${code}\` is used twice: also on line ${first}` });
    seen.set(code, at);
    const aliases = (aliasesAt! >= 0 ? (cells[aliasesAt!] ?? '') : '').split('|').map((a) => a.trim()).filter(Boolean);
    rows.push({ code, name, ...(aliases.length > 0 ? { aliases } : {}) });
  });
  if (issues.length > 0) {
    throw new KbParseError({ file, line: issues[0]!.line, reason: issues.map((x) => `line ${x.line}: ${x.reason}`).join('; ') });
  }
  return rows;
}

export type ProductsOf = (a: ProductFields) => ProductRef[];

/**
 * The listings an article files under, for a product table. A code the article
 * names wins (that is how `Product(s): See article` articles file under
 * `mspl13_c`); otherwise each product name maps to the table's code, or to a
 * slug of the name for products the table lacks.
 */
export function productCatalog(rows: readonly ProductRow[]): ProductsOf {
  const codeByName = new Map<string, string>();
  for (const { code, name, aliases = [] } of rows) for (const n of [name, ...aliases]) codeByName.set(n, code);
  const nameByCode = new Map(rows.map(({ code, name }) => [code, name]));
  return (a) => {
    if (a.productCode) {
      const named = a.products.find((p) => codeByName.get(p) === a.productCode);
      return [{ code: a.productCode, name: nameByCode.get(a.productCode) ?? named ?? a.productCode }];
    }
    return a.products.map((name) => {
      const code = codeByName.get(name);
      // github-slugger keeps a hyphen per space: `A & B` would be `a--b`.
      return code ? { code, name: nameByCode.get(code)! } : { code: slug(name).replace(/-{2,}/g, '-'), name };
    });
  };
}
