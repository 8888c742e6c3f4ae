/**
 * Turns one original KB text file (`Q10022.TXT`) into an article in the site's
 * Markdown format, the archive variant (`{% raw %}` wrapper, tab-indented body).
 * Pure: bytes or text in, fields and Markdown out; a KbParseError naming file,
 * line and reason when the file is not a KB text file.
 *
 * The text file:
 *
 *     DOCUMENT:Q10022  07-SEP-2001  [word97]
 *     TITLE   :OFF97: EPS File Is Not Printed or Is Printed Incorrectly in NT
 *     PRODUCT :Word 97 for Windows
 *     PROD/VER:WINDOWS:97; winnt:4.0
 *     OPER/SYS:
 *     KEYWORDS:kbprint kbPrinting
 *
 *     ======================================================================
 *     ...body, `Additional query words:`, the `Keywords : ...` trailer...
 *     =============================================================================
 *
 *     THE INFORMATION PROVIDED IN THE MICROSOFT KNOWLEDGE BASE IS ...
 *     Copyright Microsoft Corporation 2001.
 *
 * becomes front matter (with `product: word97`), a `## Q10022: title` heading
 * and, inside `{% raw %}`, the `Article:` / `Product(s):` / ... header lines and
 * the body, every line indented by a tab, as the archive's Markdown has them.
 * The legal notice at the end is dropped when it is the site config's `notice`
 * (its opening words, in any case, at the start of a line near the end): the
 * site shows that notice in every footer.
 */
import { decodeWindows1252 } from '../cp1252.ts';
import { KbParseError } from '../errors.ts';
import { sitePaths } from '../../routes.ts';
import { bucketOf, idToNumber } from '../id.ts';

/** What one text file holds, decoded. */
export interface TxtArticle {
  id: string;
  number: number;
  bucket: string;
  /** `/kb/010/Q10022/`. */
  permalink: string;
  /** The `DOCUMENT:` line's date as written (`07-SEP-2001`). */
  date: string;
  /** The same as an ISO date (`2001-09-07`). */
  lastModified: string;
  /** The `[word97]` product code, when the `DOCUMENT:` line has one. */
  productCode?: string;
  /** `TITLE   :` as written (trimmed). */
  title: string;
  /** `PRODUCT :`, `PROD/VER:`, `OPER/SYS:`, `KEYWORDS:` as written (trimmed). */
  product: string;
  versions: string;
  operatingSystem: string;
  keywords: string;
  /**
   * The body as written, LF line ends: from the first non-blank line after the
   * header rule up to the legal notice, trailing blank lines dropped.
   */
  body: string;
  /** Whether the file ended with the legal notice (which is dropped). */
  legalNotice: boolean;
}

export interface TxtImportOptions {
  /** The notice the files end with (the site config's `notice`), to drop; `false` or absent keeps every line. */
  notice?: string | false;
}

export interface ImportedArticle {
  article: TxtArticle;
  /** The article file's path below the output folder: `010/Q10022/README.md`. */
  path: string;
  /** The whole article file: UTF-8 text, LF line ends. */
  markdown: string;
}

const DOCUMENT = /^DOCUMENT:[ \t]*(\S+)[ \t]+(\S+)(?:[ \t]+\[([^\]]*)\])?[ \t]*$/;
// `PROD/VER::5.0,5.1` (no platform before the versions) loses its extra colon, as in the archive.
const FIELD = /^([A-Z][A-Z/]*)[ \t]*:+(.*)$/;
const FIELDS = {
  TITLE: 'title',
  PRODUCT: 'product',
  'PROD/VER': 'versions',
  'OPER/SYS': 'operatingSystem',
  KEYWORDS: 'keywords',
} as const;
type FieldKey = (typeof FIELDS)[keyof typeof FIELDS];
const FIELD_NAMES = Object.keys(FIELDS).join(', ');
const RULE = /^={20,}[ \t]*$/;
const PRODUCT_CODE = /^[a-z0-9_]+$/;
/** How many of the notice's first words identify it; the original files break its lines elsewhere. */
const NOTICE_WORDS = 8;
/** A notice of 13 lines fits; a copy of its opening further from the end is part of the body. */
const LEGAL_NOTICE_MAX_LINES = 20;

/** The notice's opening words at the very start of a line, in any case and spacing. */
function noticeOpening(notice: string): RegExp {
  const words = notice.trim().split(/\s+/).slice(0, NOTICE_WORDS).map((w) => RegExp.escape(w));
  return new RegExp(`\\n${words.join('\\s+')}`, 'gi');
}

/** Where the last copy of the notice's opening starts (at its line break), or -1. */
function lastNotice(text: string, notice: string | false | undefined): number {
  if (!notice) return -1;
  let at = -1;
  for (const m of text.matchAll(noticeOpening(notice))) at = m.index;
  return at;
}
/** Control characters other than tab and line ends: the archive writes them as `<1B>` markers, and so do we. */
const CONTROL = /[\x01-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
const NOT_ASCII = /[^\x00-\x7F]/;
/** Anything but printable ASCII, tab and line ends: most files have none, and skip the checks below. */
const UNUSUAL = /[^\t\n\r\x20-\x7E]/;

/** The byte values Windows-1252 leaves undefined: decoded, they would be U+FFFD. */
const UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

const marker = (code: number) => `<${code.toString(16).toUpperCase().padStart(2, '0')}>`;

/**
 * Decodes a text file's bytes as Windows-1252. The few byte values that code
 * page leaves undefined are written as the archive's `<81>` markers: U+FFFD would
 * make the article unreadable (the reader rejects it as broken UTF-8).
 */
export function decodeTxtBytes(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Most files are ASCII, where all these code pages agree: let Node decode those natively.
  const latin1 = buf.toString('latin1');
  if (!NOT_ASCII.test(latin1)) return latin1;
  if (!UNDEFINED_1252.some((b) => buf.includes(b))) return decodeWindows1252(buf);
  let out = '';
  let from = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (!UNDEFINED_1252.includes(b)) continue;
    out += decodeWindows1252(buf.subarray(from, i)) + marker(b);
    from = i + 1;
  }
  return out + decodeWindows1252(buf.subarray(from));
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * `07-SEP-2001` -> `2001-09-07`; undefined for a day that does not exist. The
 * same answer as `kbDateToIso` (dates.ts) for the archive's dates, without
 * loading date-fns, which takes most of a second.
 */
export function txtDateToIso(date: string): string | undefined {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(date);
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = MONTHS.indexOf(m[2]!.toUpperCase()) + 1;
  const year = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (month === 0 || year === 0 || day < 1 || day > days) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses a decoded text file. `file` names the file in errors and is cross-checked against the id. */
export function parseTxt(raw: string, file: string, { notice: noticeText }: TxtImportOptions = {}): TxtArticle {
  const fail = (line: number, reason: string): never => {
    throw new KbParseError({ file, line, reason });
  };
  let text = raw.replaceAll('\r\n', '\n');
  if (text.includes('\r')) text = text.replaceAll('\r', '\n');
  if (UNUSUAL.test(text)) {
    if (text.includes('\0')) fail(1, 'binary data (NUL bytes): not a KB text file');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (CONTROL.test(text)) text = text.replace(CONTROLS, (c) => marker(c.charCodeAt(0)));
  }
  if (!/\S/.test(text)) fail(1, 'empty file');

  // The header is short: walk it line by line.
  let pos = 0;
  let lineNo = 0;
  const nextLine = (): string | undefined => {
    if (pos > text.length) return undefined;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    return line;
  };

  // DOCUMENT:Q10022  07-SEP-2001  [word97]
  const first = nextLine()!.trimEnd();
  const doc = DOCUMENT.exec(first);
  if (!doc) fail(1, `no \`DOCUMENT:Q<id>  <date>  [<product>]\` line: the file starts with \`${clip(first)}\``);
  const [, id, date, code] = doc!;
  const number = idToNumber(id!);
  if (number === undefined || number === 0) fail(1, `\`${id}\` is not an article id (Q and digits)`);
  const lastModified = txtDateToIso(date!);
  if (!lastModified) fail(1, `\`${date}\` is not a date like 07-SEP-2001`);
  if (code !== undefined && !PRODUCT_CODE.test(code)) {
    fail(1, `\`[${code}]\` is not a product code (lower-case letters, digits, \`_\`)`);
  }
  const fileId = /(?:^|[\\/])(Q\d+)\.txt$/i.exec(file)?.[1]?.toUpperCase();
  if (fileId !== undefined && fileId !== id) fail(1, `the file is named ${fileId} but its DOCUMENT line says ${id}`);

  // TITLE, PRODUCT, PROD/VER, OPER/SYS, KEYWORDS, up to a blank line or the `====` rule.
  const fields: Partial<Record<FieldKey, string>> = {};
  let titleLine = 0;
  let line = nextLine();
  for (; line !== undefined && line.trim() !== '' && !RULE.test(line); line = nextLine()) {
    const m = FIELD.exec(line);
    const key = m ? FIELDS[m[1] as keyof typeof FIELDS] : undefined;
    if (!m || !key) fail(lineNo, `\`${clip(line)}\` is not a header field (${FIELD_NAMES})`);
    if (fields[key!] !== undefined) fail(lineNo, `\`${m![1]}\` appears twice in the header`);
    fields[key!] = m![2]!.trim();
    if (key === 'title') titleLine = lineNo;
  }
  if (fields.title === undefined) fail(lineNo, 'no `TITLE   :` line in the header');
  const title = fields.title!;
  if (title === '') fail(titleLine, 'the `TITLE` is empty');
  while (line !== undefined && line.trim() === '') line = nextLine();
  if (line === undefined || !RULE.test(line)) {
    fail(lineNo, 'no `====` rule after the header (TITLE ... KEYWORDS, a blank line, a `====` line)');
  }

  // Blank lines right after the rule go too: the Markdown has exactly one there.
  let bodyStart = pos;
  while (bodyStart < text.length) {
    const nl = text.indexOf('\n', bodyStart);
    const end = nl < 0 ? text.length : nl;
    if (text.slice(bodyStart, end).trim() !== '') break;
    bodyStart = end + 1;
  }
  bodyStart = Math.min(bodyStart, text.length);

  // The legal notice: from its first line to the end (`Copyright Microsoft Corporation 2001.`).
  let bodyEnd = text.length;
  let legalNotice = false;
  const notice = lastNotice(text, noticeText);
  if (notice >= 0 && notice >= bodyStart - 1 && countLines(text, notice + 1) <= LEGAL_NOTICE_MAX_LINES) {
    bodyEnd = Math.max(notice, bodyStart);
    legalNotice = true;
  }
  // Trailing blank lines go too: the Markdown ends the body with one of its own.
  while (bodyEnd > bodyStart) {
    const nl = text.lastIndexOf('\n', bodyEnd - 1);
    if (nl < bodyStart || text.slice(nl + 1, bodyEnd).trim() !== '') break;
    bodyEnd = nl;
  }
  const body = text.slice(bodyStart, bodyEnd);

  return {
    id: id!,
    number: number!,
    bucket: bucketOf(number!),
    permalink: sitePaths.article(id!),
    date: date!,
    lastModified: lastModified!,
    ...(code !== undefined ? { productCode: code } : {}),
    title,
    product: fields.product ?? '',
    versions: fields.versions ?? '',
    operatingSystem: fields.operatingSystem ?? '',
    keywords: fields.keywords ?? '',
    body,
    legalNotice,
  };
}

/** Markdown's and HTML's special characters in the heading, escaped the way the archive does. */
const HEADING_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
  $: '&#36;',
  '*': '&#42;',
  '[': '&#91;',
  '\\': '&#92;',
  ']': '&#93;',
  __: '&#95;&#95;',
  '|': '&#124;',
};
const HEADING_SPECIAL = /[&"<>$*[\\\]|]|__/g;

/**
 * The article file for a parsed text file. The front-matter title is plain text
 * (a JSON string is a valid YAML double-quoted scalar); the `##` heading, which
 * the site skips but Markdown viewers show, is escaped the way the archive's is.
 */
export function toMarkdown(a: TxtArticle): string {
  const fullTitle = `${a.id}: ${a.title}`;
  const head = [
    '---',
    'layout: page',
    `title: ${JSON.stringify(fullTitle)}`,
    `permalink: ${a.permalink}`,
    ...(a.productCode !== undefined ? [`product: ${a.productCode}`] : []),
    '---',
    '',
    `## ${fullTitle.replace(HEADING_SPECIAL, (c) => HEADING_ESCAPES[c]!)}`,
    '',
    '{% raw %}',
    '',
    `\tArticle: ${a.id}`,
    `\tProduct(s): ${a.product}`,
    `\tVersion(s): ${a.versions}`,
    `\tOperating System(s): ${a.operatingSystem}`,
    `\tKeyword(s): ${a.keywords}`,
    `\tLast Modified: ${a.date}`,
    '\t',
  ].join('\n');
  // Every body line loses one leading space, as in the archive, and gains a tab of indentation.
  const body = (a.body.startsWith(' ') ? a.body.slice(1) : a.body).replaceAll('\n ', '\n').replaceAll('\n', '\n\t');
  return `${head}\n${a.body === '' ? '' : `\t${body}\n`}\t\n\n{% endraw %}\n`;
}

/** The article file's path below the output folder: `010/Q10022/README.md`. */
export function articlePath(a: Pick<TxtArticle, 'id' | 'bucket'>): string {
  return `${a.bucket}/${a.id}/README.md`;
}

/** Decodes, parses and renders one text file. Throws KbParseError when it cannot. */
export function importTxt(input: Uint8Array | string, file: string, options: TxtImportOptions = {}): ImportedArticle {
  const text = typeof input === 'string' ? input : decodeTxtBytes(input);
  const article = parseTxt(text, file, options);
  return { article, path: articlePath(article), markdown: toMarkdown(article) };
}

/** Lines from an offset to the end of the text. */
function countLines(text: string, from: number): number {
  let n = 1;
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
