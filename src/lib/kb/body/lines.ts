/**
 * Line-level heuristics for article bodies: what a line is (blank, a rule, a
 * list marker, prose or code). Pure and linear: every test looks at one line
 * with patterns that cannot backtrack badly, so a 100,000-character line costs
 * little more than reading it.
 */

/** One body line with the facts the block parser asks about again and again. */
export interface Line {
  /** The line exactly as given. */
  raw: string;
  /** Without leading and trailing whitespace. */
  text: string;
  /** Leading whitespace characters (a tab counts as one); -1 for a blank line. */
  indent: number;
  /** Length without trailing whitespace (the column where the line ends). */
  end: number;
}

export function toLine(raw: string): Line {
  const text = raw.trim();
  if (text === '') return { raw, text, indent: -1, end: 0 };
  const end = raw.trimEnd().length;
  return { raw, text, indent: end - raw.trimEnd().trimStart().length, end };
}

export const isBlank = (l: Line | undefined): boolean => l === undefined || l.indent < 0;

/** A line made only of one repeated rule character (`====`, `----`), at least `min` long. */
export function ruleChar(l: Line | undefined, min = 3): '=' | '-' | undefined {
  if (!l || l.text.length < min) return undefined;
  const c = l.text[0];
  if (c !== '=' && c !== '-') return undefined;
  for (let i = 1; i < l.text.length; i++) if (l.text[i] !== c) return undefined;
  return c;
}

/** Two or more columns separated by runs of spaces, or tabs: tables and aligned listings. */
const COLUMNS = /\S(?: {3,}|\t)\S/;
export const hasColumns = (text: string): boolean => COLUMNS.test(text);

/** A list marker at the start of a line. */
export interface Marker {
  family: 'bullet' | 'number' | 'letter';
  /** The bullet character, or the delimiter after a number or letter (`.` or `)`). */
  glyph: string;
  /** The number (1 for `1.`), or the letter's position (1 for `a.`); 0 for bullets. */
  value: number;
  /** The marker as written, without the spaces after it (`1.`, `-`). */
  label: string;
  /** Characters from the line start to the item text (marker plus spaces). */
  width: number;
}

const MARKER = /^(?:([-*o\u00B7\u2022])|(\d{1,2})([.)])|([a-z])([.)]))( +)(?=\S)/;

/** The list marker `text` (a line without its indentation) starts with, if any. */
export function markerOf(text: string): Marker | undefined {
  const m = MARKER.exec(text);
  if (!m) return undefined;
  const width = m[0].length;
  if (m[1] !== undefined) return { family: 'bullet', glyph: m[1], value: 0, label: m[1], width };
  if (m[2] !== undefined) return { family: 'number', glyph: m[3]!, value: Number(m[2]), label: m[2] + m[3], width };
  return { family: 'letter', glyph: m[5]!, value: m[4]!.charCodeAt(0) - 96, label: m[4]! + m[5], width };
}

/** Length of the first whitespace-delimited word of a trimmed text. */
export function firstWordLength(text: string): number {
  const i = text.search(/\s/);
  return i < 0 ? text.length : i;
}

/**
 * Statement keywords of BASIC, FoxPro/dBASE, MASM and C. A line starting with
 * one, written all in capitals or all in lowercase (not `Print the file`), and
 * not ending like a sentence, is a statement.
 */
const CODE_KEYWORDS = new Set(
  (
    'dim redim declare def sub function end call gosub goto return rem cls defint defsng defdbl deflng defstr ' +
    'open close while wend loop locate color screen input print lprint option common shared static const ' +
    'next for if else elseif endif select case do exit type poke data read restore randomize beep sound ' +
    'play chain erase field lset rset set use store replace append browse scan endscan enddo endcase endfor ' +
    'endfunc endproc endwith enddefine endtext procedure parameters lparameters local public private define ' +
    'skip seek zap pack wait mov push pop jmp ret assume segment ends proc endp extrn include org db dw dd ' +
    'int on char void long short unsigned struct typedef extern switch break far near'
  ).split(' '),
);

function startsWithKeyword(text: string): boolean {
  const w = text.slice(0, firstWordLength(text));
  const lower = w.toLowerCase();
  return (w === lower || w === w.toUpperCase()) && CODE_KEYWORDS.has(lower);
}

/** Ordinary lowercase words, outside quoted strings and trailing comments. */
function lowercaseWords(text: string): number {
  const bare = text.replace(/"[^"]*"/g, ' ').replace(/\s(?:'|\/\/|\/\*|;).*$/, '');
  let n = 0;
  for (const w of bare.split(' ')) if (/^[a-z]{2,}[,.;:]?$/.test(w)) n++;
  return n;
}

/** `x = 1`, `SIZE=0`, `set TMP=c:\tmp`, `InArray%(AX%) = &H1A00`: an assignment or setting. */
const ASSIGNMENT = /^(?:set\s+)?[A-Za-z_][\w$%#&!.]*(?:\([^)]*\))?\s?=(?!=)/i;

/** Ends like a sentence or a lead-in: `.`, `:`, `?` or `!`, maybe inside a closing quote or bracket. */
const SENTENCE_END = /[.:?!]["')\]]*$/;
export const endsSentence = (text: string): boolean => SENTENCE_END.test(text);

const TAG_START = /^<\/?[A-Za-z!?%]/;
const OPERATORS = /==|!=|&&|\|\||:=/;

/**
 * True when a line (trimmed) shows a sign of being code or a listing rather
 * than prose: a comment, preprocessor, label or directive start (`'`, `;`,
 * `#`, `/*`, `.MODEL`), a markup tag, a brace at the end, an operator (`==`,
 * `&&`), a statement ending in `;`, `REM`, or an assignment or statement
 * keyword (`x = 1`, `PRINT "Hi"`, `use customer`) without the words of prose.
 */
export function codeSignal(text: string): boolean {
  const c0 = text[0];
  const c1 = text[1];
  if (c0 === undefined) return false;
  switch (c0) {
    case '#': case '{': case '}': case "'": case ';': case '@': case '[': case '|': case '+':
    case '=': case '~': case '^': case '!': case ':': case '`': case '\\':
      return true;
    case '/':
      if (c1 === '*' || c1 === '/') return true;
      break;
    case '*':
      if (c1 !== ' ') return true;
      break;
    case '.':
      // An assembler directive (`.MODEL SMALL`), not a sentence about a file type (`.ai files contain...`).
      if (c1 !== undefined && /[A-Za-z_]/.test(c1) && text.split(' ').length < 5) return true;
      break;
    case '<':
      if (TAG_START.test(text) && text.endsWith('>')) return true;
      break;
    case '&':
      if (c1 === '&') return true;
      break;
  }
  if (endsBlock(text)) return true;
  const last = text[text.length - 1];
  if (last === ';' && (text.includes('(') || text.includes('='))) return true;
  if (OPERATORS.test(text)) return true;
  if (/^rem(?:\s|$)/i.test(text)) return true;
  // Keywords and assignments also start wrapped prose (`option button that is...`,
  // `SPECIAL=DEFAULT in the DOSSHELL.INI file specifies...`): prose has words.
  if (ASSIGNMENT.test(text)) return lowercaseWords(text) <= 3;
  if (!SENTENCE_END.test(text) && startsWithKeyword(text)) return text.length < 40 || lowercaseWords(text) <= 2;
  return false;
}

/**
 * A line that may start a prose paragraph (already known to be non-blank):
 * no columns, no sign of code.
 */
export function proseLine(text: string): boolean {
  return !hasColumns(text) && !codeSignal(text);
}

/**
 * A line that may continue wrapped prose, or the text of a list item. Where a
 * wrap puts the line start is chance (`[386enh] section`, `.dll files`), and
 * prose quotes operators (`SS != DS`), so only columns and closing braces count.
 */
export function proseContinuation(text: string): boolean {
  return !hasColumns(text) && !endsBlock(text);
}

/** Ends with a brace or a comment's end, and is not a sentence about `{% include %}`. */
function endsBlock(text: string): boolean {
  const last = text[text.length - 1];
  return (last === '{' || last === '}' || text.endsWith('*/')) && lowercaseWords(text) <= 3;
}

/** Share of letters among the non-space characters of a text. */
export function letterShare(text: string): number {
  let letters = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0) letters++;
    else other++;
  }
  return letters + other === 0 ? 0 : letters / (letters + other);
}
