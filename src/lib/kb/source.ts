/**
 * Reads one article file: front matter, the header lines (`Article:`,
 * `Product(s):`, ...), the trailer (`Keywords : ...`) and the body between them.
 * Pure: text in, data out, a KbParseError naming file and line when it cannot.
 */
import { decodeHTML } from 'entities';
import matter from 'gray-matter';
import { decodeByteMarkers } from './cp1252.ts';
import { kbDateToIso } from './dates.ts';
import { KbParseError } from './errors.ts';
import { sitePaths } from '../routes.ts';
import { bucketOf, idFromPath, idFromPermalink, idToNumber, normalisePermalink } from './id.ts';

/** The trailer block's fields, when the article has one. */
export interface Trailer {
  keywords?: string;
  technology?: string;
  version?: string;
  issueType?: string;
  solutionType?: string;
  hardware?: string;
  /** Any other `Name : value` line of the trailer, by its name as written. */
  other?: Record<string, string>;
}

export interface ArticleSource {
  file: string;
  id: string;
  number: number;
  bucket: string;
  /** The title without its `Q192493: ` prefix. */
  title: string;
  products: string[];
  /** A product code the article names itself: front-matter `product: word97`, else a `| mspl13_c` keyword tail. */
  productCode?: string;
  versions: string[];
  operatingSystems: string[];
  keywords: string[];
  /** ISO date (`1999-04-22`). */
  lastModified?: string;
  trailer?: Trailer;
  /** The `Additional query words:` line's value. */
  queryWords?: string;
  /** The body between header and trailer, one level of indentation removed. */
  bodyLines: string[];
  /** 1-based file line of bodyLines[0]. */
  bodyLine: number;
}

const HEADER_FIELDS: Record<string, 'id' | 'products' | 'versions' | 'os' | 'keywords' | 'date'> = {
  Article: 'id',
  'Product(s)': 'products',
  'Version(s)': 'versions',
  'Operating System(s)': 'os',
  'Keyword(s)': 'keywords',
  'Last Modified': 'date',
};
const HEADER_LINE = /^(Article|Product\(s\)|Version\(s\)|Operating System\(s\)|Keyword\(s\)|Last Modified):[ \t]*(.*?)\s*$/;
const TRAILER_NAMES: Record<string, keyof Omit<Trailer, 'other'>> = {
  Keywords: 'keywords',
  Technology: 'technology',
  Version: 'version',
  'Issue type': 'issueType',
  'Solution Type': 'solutionType',
  Hardware: 'hardware',
};
const TRAILER_LINE = /^([A-Z][A-Za-z ]*?)\s+: ?(.*?)\s*$/;
const RULE = /^={20,}\s*$/;
const QUERY_WORDS = /^Additional query words:[ \t]*(.*?)\s*$/;
/** A wrapped line of query words: words of letters, digits and `+#-`, dots only inside (`3.0`): no sentence. */
const KEYWORD = String.raw`[\w+#-]+(?:\.[\w+#-]+)*`;
const KEYWORD_LINE = new RegExp(String.raw`^[ \t]*${KEYWORD}(?:[ \t]+${KEYWORD})*[ \t]*$`);

/** An article file split at its front matter: the lines, and the body with the wrapper and indentation removed. */
interface SplitSource {
  lines: string[];
  /** Index in `lines` of the closing `---`. */
  close: number;
  body: string[];
  /** 1-based file line of body[i]. */
  lineOf: (bodyIndex: number) => number;
  fail: (line: number, reason: string) => never;
}

function splitSource(raw: string, file: string): SplitSource {
  const fail = (line: number, reason: string): never => {
    throw new KbParseError({ file, line, reason });
  };
  if (raw.includes('\0')) fail(1, 'binary data (NUL bytes): not a text article');
  if (raw.includes('\uFFFD')) {
    const line = raw.slice(0, raw.indexOf('\uFFFD')).split('\n').length;
    fail(line, 'invalid UTF-8 (the file must be UTF-8 text)');
  }
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');

  // Front matter: a `---` line, YAML, a closing `---` line. gray-matter ends the YAML at the
  // first line that starts with `---`, so the lines between must not, or it would ignore the rest.
  const fence = (l: string) => l.trimEnd() === '---';
  if (!fence(lines[0] ?? '')) fail(1, 'no front matter: the file must start with a `---` line');
  const close = lines.findIndex((l, i) => i > 0 && l.startsWith('---'));
  if (close < 0) {
    const indented = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (indented > 0) fail(indented + 1, 'unclosed front matter: the closing `---` must start the line');
    fail(1, 'unclosed front matter: no closing `---` line');
  }
  if (!fence(lines[close]!)) fail(close + 1, 'front matter line starts with `---`: only the closing `---` line may');

  // Body: drop the `## Q...` heading and the `{% raw %}` wrapper, then one tab of indentation.
  let start = close + 1;
  let end = lines.length;
  const skipBlank = () => {
    while (start < end && lines[start]!.trim() === '') start++;
  };
  skipBlank();
  if (start < end && /^#{1,6}\s+Q\d+\b/.test(lines[start]!)) start++;
  skipBlank();
  if (start < end && lines[start]!.trim() === '{% raw %}') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  if (end > start && lines[end - 1]!.trim() === '{% endraw %}') end--;
  const body = lines.slice(start, end).map((l) => decodeByteMarkers(l.startsWith('\t') ? l.slice(1) : l));
  return { lines, close, body, lineOf: (bodyIndex) => start + bodyIndex + 1, fail };
}

/** Where the body text ends: before the trailer and the `Additional query words:` lines. */
function bodyEndOf(body: string[], from: number): { bodyEnd: number; trailer?: Trailer; queryWords?: string } {
  let bodyEnd = body.length;
  let trailer: Trailer | undefined;
  let queryWords: string | undefined;
  const t = findTrailer(body, from);
  if (t) {
    trailer = t.trailer;
    bodyEnd = t.start;
  }
  let q = bodyEnd;
  while (q > from && body[q - 1]!.trim() === '') q--;
  // `Additional query words:` ends the body; a long list wraps onto up to three lines of
  // keyword-like words (`kbVBp kbIE300`), with no blank line between.
  for (let k = q - 1; k >= from && k >= q - 4; k--) {
    const qm = QUERY_WORDS.exec(body[k]!);
    if (qm) {
      queryWords = [qm[1]!, ...body.slice(k + 1, q).map((l) => l.trim())].join(' ').trim();
      bodyEnd = k;
      break;
    }
    if (!KEYWORD_LINE.test(body[k]!)) break;
  }
  return { bodyEnd, ...(trailer ? { trailer } : {}), ...(queryWords !== undefined ? { queryWords } : {}) };
}

/** Where the header lines (`Article:`, ...) start, after blank lines, and the index just past them. */
function headerEnd(body: string[]): { headerStart: number; end: number } {
  let b = 0;
  while (b < body.length && body[b]!.trim() === '') b++;
  const headerStart = b;
  while (b < body.length && HEADER_LINE.test(body[b]!)) b++;
  return { headerStart, end: b };
}

/**
 * The body lines alone, as parseArticleSource gives them, without reading the
 * front matter's YAML or checking the fields: for a page, whose file the loader
 * has already parsed and validated in the same build.
 */
export function parseArticleBody(raw: string, file: string): string[] {
  const { body } = splitSource(raw, file);
  const { end } = headerEnd(body);
  return body.slice(end, bodyEndOf(body, end).bodyEnd);
}

/** Parses one article file. `file` is only used to name the file in errors and to cross-check the id. */
export function parseArticleSource(raw: string, file: string): ArticleSource {
  const { lines, close, body, lineOf, fail } = splitSource(raw, file);
  let data: Record<string, unknown> = {};
  try {
    // Only the front matter goes to gray-matter: it looks every input up in its cache by
    // content, which costs a hash of the whole file. Options make it skip storing it there.
    data = matter(`${lines.slice(0, close + 1).join('\n')}\n`, {}).data;
  } catch (e) {
    const mark = (e as { mark?: { line?: number } }).mark;
    const reason = (e as { reason?: string }).reason ?? String(e);
    // js-yaml counts from 0 at the opening `---` line (gray-matter's block starts with its line end),
    // so its line n is file line n + 1; an error at the end of the stream points at the closing `---`.
    fail(Math.min((mark?.line ?? 0) + 1, close + 1), `broken YAML in front matter: ${reason}`);
  }
  const fmLine = (key: string): number => {
    const i = lines.slice(1, close).findIndex((l) => l.startsWith(`${key}:`));
    return i < 0 ? 1 : i + 2;
  };
  if (typeof data.title !== 'string') {
    fail(fmLine('title'), data.title === undefined ? 'front matter has no `title`' : '`title` must be a string');
  }
  if (data.permalink !== undefined && typeof data.permalink !== 'string') {
    fail(fmLine('permalink'), '`permalink` must be a string');
  }
  if (data.product !== undefined && (typeof data.product !== 'string' || !/^[a-z0-9_]+$/.test(data.product))) {
    fail(fmLine('product'), '`product` must be a product code like `word97` (lower-case letters, digits, `_`)');
  }
  // The archive HTML-escaped some titles (`&quot;Bad&quot;`); pages escape again, so decode once here.
  const fmTitle = decodeHTML(decodeByteMarkers(data.title as string)).trim();

  // Header lines.
  const header: Partial<Record<(typeof HEADER_FIELDS)[string], { value: string; line: number }>> = {};
  const { headerStart, end: b } = headerEnd(body);
  for (let i = headerStart; i < b; i++) {
    const m = HEADER_LINE.exec(body[i]!)!;
    const key = HEADER_FIELDS[m[1]!]!;
    // Two values for one field: which one is meant cannot be told, so neither is taken.
    const first = header[key];
    if (first) fail(lineOf(i), `\`${m[1]}:\` given twice (first on line ${first.line}); an article has one`);
    header[key] = { value: m[2]!, line: lineOf(i) };
  }

  // The id: the `Article:` line, else the permalink, else the title prefix, else the path.
  const permalinkId = typeof data.permalink === 'string' ? idFromPermalink(data.permalink) : undefined;
  const titleId = /^(Q\d+):\s/.exec(fmTitle)?.[1];
  const pathId = idFromPath(file);
  if (header.id && idToNumber(header.id.value) === undefined) {
    fail(header.id.line, `\`Article: ${header.id.value}\` is not an article id (Q and digits)`);
  }
  const id = header.id?.value ?? permalinkId ?? titleId ?? pathId;
  if (id === undefined) {
    // At the first body line, where the `Article:` line belongs; with no body, the file as a whole.
    fail(headerStart < body.length ? lineOf(headerStart) : 1, 'no article id: no `Article: Q...` line, permalink, `Q...:` title or Q-named file');
  }
  const articleId = id!;
  // A permalink or title may name what is not an id (`Q12345678`); `Q0`, `Q0192493` would be second ids of a number.
  const number = idToNumber(articleId);
  if (number === undefined || number < 1 || `Q${number}` !== articleId) {
    const line = header.id?.line ?? (articleId === permalinkId ? fmLine('permalink') : articleId === titleId ? fmLine('title') : 1);
    fail(line, `${articleId} is not an article id (Q and a number from 1 to 9999999, no leading zeros)`);
  }
  const permalink = sitePaths.article(articleId);
  if (typeof data.permalink === 'string' && normalisePermalink(data.permalink) !== permalink) {
    fail(fmLine('permalink'), `permalink \`${data.permalink}\` disagrees with the id ${articleId} (expected \`${permalink}\`)`);
  }
  if (titleId && titleId !== articleId) {
    fail(fmLine('title'), `title names ${titleId} but the article is ${articleId}`);
  }
  if (pathId && pathId !== articleId) {
    fail(header.id?.line ?? 1, `the file's path names ${pathId} but the article is ${articleId}`);
  }
  const title = fmTitle.replace(/^Q\d+:\s*/, '');
  if (title === '') fail(fmLine('title'), '`title` is empty');

  let lastModified: string | undefined;
  if (header.date && header.date.value !== '') {
    lastModified = kbDateToIso(header.date.value);
    if (!lastModified) fail(header.date.line, `\`Last Modified: ${header.date.value}\` is not a date like 22-APR-1999`);
  }

  // Trailer, from the end: a `====` rule, `Name : value` lines, a closing rule, nothing after.
  const { bodyEnd, trailer, queryWords } = bodyEndOf(body, b);
  const keywordsRaw = header.keywords?.value ?? '';
  const tail = keywordsRaw.includes('|') ? keywordsRaw.split('|').at(-1)!.trim() : '';
  const fields: Omit<ArticleSource, 'bodyLines' | 'bodyLine'> = {
    file,
    id: articleId,
    number: number!,
    bucket: bucketOf(number!),
    title,
    products: splitList(header.products?.value ?? '', /\s*[|;]\s*/),
    ...(typeof data.product === 'string'
      ? { productCode: data.product }
      : /^[a-z][a-z0-9_]*$/.test(tail)
        ? { productCode: tail }
        : {}),
    versions: splitList(header.versions?.value ?? '', /\s*;\s*/),
    operatingSystems: splitList(header.os?.value ?? '', /\s*\|\s*/),
    keywords: splitList(keywordsRaw, /[\s|]+/),
    ...(lastModified ? { lastModified } : {}),
    ...(trailer ? { trailer } : {}),
    ...(queryWords !== undefined ? { queryWords } : {}),
  };
  // The fields outlive the file's text, and V8's substrings would keep all of it alive (a whole
  // file for a product name: 58 MB in the loader's store at 20,000 articles); copies let it go.
  // The body lines are parsed and dropped, so they may stay substrings.
  return { ...structuredClone(fields), bodyLines: body.slice(b, bodyEnd), bodyLine: lineOf(b) };
}

function splitList(value: string, sep: RegExp): string[] {
  return value
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function findTrailer(body: string[], from: number): { start: number; trailer: Trailer } | undefined {
  let end = body.length;
  while (end > from && body[end - 1]!.trim() === '') end--;
  if (end <= from || !RULE.test(body[end - 1]!)) return undefined;
  const closing = end - 1;
  let open = closing - 1;
  while (open >= from && !RULE.test(body[open]!)) open--;
  if (open < from || !TRAILER_LINE.test(body[open + 1] ?? '')) return undefined;
  const trailer: Trailer = {};
  let last: { key: string; other: boolean } | undefined;
  for (const line of body.slice(open + 1, closing)) {
    const m = TRAILER_LINE.exec(line);
    if (m) {
      const known = TRAILER_NAMES[m[1]!];
      if (known) trailer[known] = m[2]!;
      else (trailer.other ??= {})[m[1]!] = m[2]!;
      last = { key: known ?? m[1]!, other: !known };
    } else if (line.trim() !== '' && last) {
      // A wrapped value continues on the next line.
      const rec = (last.other ? trailer.other! : trailer) as Record<string, string>;
      rec[last.key] = `${rec[last.key]} ${line.trim()}`.trim();
    } else if (line.trim() !== '') {
      return undefined;
    }
  }
  return { start: open, trailer };
}
