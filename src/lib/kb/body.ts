/**
 * Turns the plain-text body of an article into blocks: section headings, the
 * "applies to" box, prose paragraphs, lists, and preformatted text for
 * everything else (code, tables, listings, diagrams, indented samples).
 *
 * The parser is conservative: paragraphs and lists are only made from lines
 * that start at column 0 and read like wrapped prose; whatever it is unsure of
 * stays `pre`, verbatim. It never drops, adds or reorders a word (only the
 * `====`/`----` rules under headings and around the box, which are layout;
 * see body/words.ts for the check) and runs in linear time. It has no known
 * failure; should it throw, `parseBody` keeps the page and reports it.
 *
 * 1. Structure first. A heading is a line underlined (or over- and
 *    underlined) with `===`, or a column-0 line with a `---` rule of about
 *    its length, after a blank line (so never a code line like `END`). The
 *    box is a `----` rule, "The information in this article applies to...",
 *    `- ` items and a closing rule. A long rule next to a blank line is a
 *    separator (kept as `pre`).
 * 2. The rest is cut into segments (runs of non-blank lines). A segment that
 *    starts indented is `pre`, and so is one where statements abound
 *    (body/lines.ts knows what code looks like). Otherwise it is read line by
 *    line into paragraphs and list items (`- * o ·` bullets, `1.`/`1)`
 *    numbers, `a.` letters): a line continues the one before only if that one
 *    looks wrapped (the next word would not have fitted, or it is long and
 *    not a lead-in ending in `:`); an item's wrapped lines may be indented
 *    under it. A code-looking or column-aligned line at column 0 makes the
 *    whole segment `pre`; any other indented line makes the rest of it `pre`.
 * 3. Drafts are checked (prose has letters and, over several lines, width)
 *    and assembled. Bullets become lists. Numbered steps become one ordered
 *    list when numbered 1..n with nothing between them; steps with notes,
 *    code or sub-steps between them, or not starting at 1, become paragraphs
 *    that keep their numbers, since a list could not show them. Neighbouring
 *    `pre` drafts merge across the blank lines between them.
 */
import GithubSlugger from 'github-slugger';
import { summaryOf } from './summary.ts';
import type { Block } from './types.ts';
import {
  codeSignal,
  endsSentence,
  firstWordLength,
  hasColumns,
  isBlank,
  letterShare,
  markerOf,
  proseContinuation,
  proseLine,
  ruleChar,
  toLine,
  type Line,
  type Marker,
} from './body/lines.ts';

type Draft =
  | { k: 'heading'; text: string; level: 2 | 3 }
  | { k: 'box'; intro: string; items: string[] }
  | { k: 'para'; s: number; e: number }
  | { k: 'item'; s: number; e: number; m: Marker }
  | { k: 'pre'; s: number; e: number };

type Ranged = Extract<Draft, { s: number }>;
type Item = Extract<Draft, { k: 'item' }>;

const APPLIES_TO = /^The information in this article applies to\b/;

/** A parsed body, and whether the parser failed on it. */
export interface ParsedBody {
  blocks: Block[];
  /**
   * Set when the parser threw: the body is then one preformatted block, so the
   * page is kept, and this says why. Builds report it; tests assert it is never set.
   */
  fallback?: string;
}

/** A parsed body and its summary (summaryOf): what a build hands on from the thread that parsed it. */
export interface PreparedBody extends ParsedBody {
  summary: string;
}

/** Parses a body and finds its summary. */
export function prepareBody(lines: readonly string[]): PreparedBody {
  const parsed = parseBody(lines);
  return { ...parsed, summary: summaryOf(parsed.blocks) };
}

/** Parses a body; a parser failure keeps the text as one `pre` block and is reported in `fallback`. */
export function parseBody(lines: readonly string[], parse: (lines: readonly string[]) => Block[] = parseBlocks): ParsedBody {
  try {
    return { blocks: parse(lines) };
  } catch (e) {
    const text = trimBlankEdges(lines).join('\n');
    const why = e instanceof Error ? e.message : String(e);
    return { blocks: text === '' ? [] : [{ type: 'pre', text }], fallback: `the body parser failed (${why}), so the body is shown as plain text` };
  }
}

/** The parser itself: throws on a bug rather than hiding it. */
export function parseBlocks(lines: readonly string[]): Block[] {
  return new BodyParser(lines).parse();
}

function trimBlankEdges(lines: readonly string[]): readonly string[] {
  let s = 0;
  let e = lines.length;
  while (s < e && lines[s]!.trim() === '') s++;
  while (e > s && lines[e - 1]!.trim() === '') e--;
  return lines.slice(s, e);
}

class BodyParser {
  private readonly L: Line[];
  private readonly drafts: Draft[] = [];
  /** One slugger per body: slugs are unique within the article. */
  private readonly slugger = new GithubSlugger();
  /** Index of the line right after the last heading or box: a heading may follow it directly. */
  private structuralEnd = -1;

  constructor(lines: readonly string[]) {
    this.L = lines.map((l) => toLine(String(l)));
  }

  parse(): Block[] {
    const L = this.L;
    let i = 0;
    while (i < L.length) {
      if (isBlank(L[i])) {
        i++;
        continue;
      }
      const box = this.boxAt(i);
      if (box) {
        this.drafts.push(box.draft);
        i = this.structuralEnd = box.end;
        continue;
      }
      const heading = this.headingAt(i);
      if (heading) {
        this.drafts.push({ k: 'heading', text: heading.text, level: heading.level });
        i = this.structuralEnd = heading.end;
        continue;
      }
      if (this.separatorAt(i)) {
        this.drafts.push({ k: 'pre', s: i, e: i + 1 });
        i++;
        continue;
      }
      let j = i + 1;
      while (j < L.length && !isBlank(L[j]) && !this.boxStartsAt(j) && !this.separatorAt(j)) j++;
      this.segment(i, j);
      i = j;
    }
    this.demoteSandwiched();
    const blocks: Block[] = [];
    this.assemble(0, this.drafts.length, blocks);
    return blocks;
  }

  /**
   * A short line on its own between two listings is part of them (`END`,
   * `WINDOWS`), and so is a lone `* ...` line next to one (a FoxPro comment),
   * unless it reads as a sentence or lead-in.
   */
  private demoteSandwiched(): void {
    const D = this.drafts;
    const nextTo = (a: Draft | undefined, b: Draft | undefined): boolean =>
      a !== undefined && b !== undefined && 's' in a && 's' in b && this.blankBetween(a.e, b.s);
    for (let i = 0; i < D.length; i++) {
      const d = D[i]!;
      if ((d.k !== 'para' && d.k !== 'item') || d.e - d.s !== 1) continue;
      const text = this.L[d.s]!.text;
      if (endsSentence(text)) continue;
      const prev = D[i - 1];
      const next = D[i + 1];
      const afterPre = prev?.k === 'pre' && nextTo(prev, d);
      const beforePre = next?.k === 'pre' && nextTo(d, next);
      const comment = d.k === 'item' && d.m.glyph === '*';
      if ((afterPre && beforePre && text.split(/\s+/).length <= 4) || (comment && (afterPre || beforePre))) {
        D[i] = { k: 'pre', s: d.s, e: d.e };
      }
    }
  }

  // ---- Structure: headings and the applies-to box -------------------------

  /**
   * A long rule with a blank line on one side separates what is around it
   * (a table's rule under its column names has text on both sides).
   */
  private separatorAt(i: number): boolean {
    return ruleChar(this.L[i], 20) !== undefined && (isBlank(this.L[i - 1]) || isBlank(this.L[i + 1]));
  }

  private boxStartsAt(i: number): boolean {
    const next = this.L[i + 1];
    return ruleChar(this.L[i], 10) === '-' && next !== undefined && APPLIES_TO.test(next.text);
  }

  /** The "applies to" box at line i, if it is regular: `- ` items (maybe nested, maybe wrapped) only. */
  private boxAt(i: number): { draft: Draft; end: number } | undefined {
    if (!this.boxStartsAt(i)) return undefined;
    const L = this.L;
    const items: string[] = [];
    let itemIndent = -1;
    for (let j = i + 2; j < L.length; j++) {
      const l = L[j]!;
      if (isBlank(l)) continue;
      if (ruleChar(l, 10) === '-') {
        return { draft: { k: 'box', intro: L[i + 1]!.text, items }, end: j + 1 };
      }
      if (l.text.startsWith('- ') && l.text.length > 2) {
        items.push(l.text.slice(2).trim());
        itemIndent = l.indent;
      } else if (items.length > 0 && l.indent > itemIndent) {
        items[items.length - 1] += ` ${l.text}`;
      } else {
        return undefined;
      }
    }
    return undefined;
  }

  private headingText(l: Line | undefined, max: number): boolean {
    if (!l || isBlank(l) || l.text.length > max || ruleChar(l) !== undefined) return false;
    if (hasColumns(l.text) || l.raw.includes('\t')) return false;
    return /[A-Za-z0-9]/.test(l.text);
  }

  /** May a heading start at line i (nothing but a blank line or a structure before it)? */
  private headingMayStart(i: number): boolean {
    return i === 0 || isBlank(this.L[i - 1]) || i === this.structuralEnd;
  }

  private headingAt(i: number): { text: string; end: number; level: 2 | 3 } | undefined {
    const L = this.L;
    const l = L[i]!;
    if (!this.headingMayStart(i)) return undefined;
    const over = ruleChar(l);
    if (over) {
      // Over- and underlined: a rule, one line of text, the same rule.
      const t = L[i + 1];
      if (ruleChar(L[i + 2]) !== over || !this.headingText(t, 100)) return undefined;
      if (over === '-' && (t!.indent !== 0 || !similarLength(t!.text.length, l.text.length) || !isBlank(L[i + 3])))
        return undefined;
      if (over === '-' && markerOf(t!.text)?.family === 'bullet') return undefined;
      return { text: t!.text, end: i + 3, level: over === '=' ? 2 : 3 };
    }
    const under = ruleChar(L[i + 1]);
    if (under === '=') {
      if (!this.headingText(l, 100)) return undefined;
      return { text: l.text, end: i + 2, level: 2 };
    }
    if (under === '-') {
      const u = L[i + 1]!;
      if (l.indent !== 0 || u.indent !== 0 || !this.headingText(l, 80)) return undefined;
      if (!similarLength(l.text.length, u.text.length) || !isBlank(L[i + 2])) return undefined;
      if (markerOf(l.text)?.family === 'bullet') return undefined;
      return { text: l.text, end: i + 2, level: 3 };
    }
    return undefined;
  }

  // ---- Segments: paragraphs, items, pre -----------------------------------

  /** Reads the non-blank lines [s, e) into drafts. */
  private segment(s: number, e: number): void {
    const L = this.L;
    if (L[s]!.indent > 0) {
      this.drafts.push({ k: 'pre', s, e });
      return;
    }
    // Statements on several lines, even where a wrap could explain the breaks: a listing.
    let flat = 0;
    let code = 0;
    for (let k = s; k < e; k++) {
      if (L[k]!.indent !== 0) continue;
      flat++;
      if (codeSignal(L[k]!.text)) code++;
    }
    if (code >= 2 && code * 4 >= flat) {
      this.drafts.push({ k: 'pre', s, e });
      return;
    }
    // The wrap width this segment was written at, as far as it shows: its longest line.
    let width = 0;
    for (let k = s; k < e; k++) if (L[k]!.indent <= 4 && L[k]!.end > width) width = L[k]!.end;
    const full = (prev: Line, next: Line) => prev.end + 1 + firstWordLength(next.text) > width;
    // Hand-wrapped text is not always greedy: a long line not ending in a lead-in also wraps.
    const wrapped = (prev: Line, next: Line) =>
      full(prev, next) || (prev.end >= 0.8 * width && !prev.text.endsWith(':'));

    const out: Ranged[] = [];
    let cur: Ranged | undefined;
    let rest = -1;
    for (let k = s; k < e; k++) {
      const l = L[k]!;
      const prev = L[k - 1]!;
      if (l.indent > 0) {
        // Only an item's wrapped text may be indented (under the item text, or a little less).
        if (
          cur?.k === 'item' &&
          l.indent <= cur.m.width + 1 &&
          wrapped(prev, l) &&
          markerOf(l.text) === undefined &&
          proseContinuation(l.text)
        ) {
          cur.e = k + 1;
          continue;
        }
        rest = k;
        break;
      }
      const m = markerOf(l.text);
      if (m && (cur === undefined || startsItem(cur, m, prev, full(prev, l)))) {
        if (!proseContinuation(l.text.slice(m.width))) {
          rest = k;
          break;
        }
        if (cur) out.push(cur);
        cur = { k: 'item', s: k, e: k + 1, m };
        continue;
      }
      if (cur && wrapped(prev, l)) {
        if (!proseContinuation(l.text)) {
          rest = k;
          break;
        }
        cur.e = k + 1;
      } else {
        if (!proseLine(l.text)) {
          rest = k;
          break;
        }
        if (cur) out.push(cur);
        cur = { k: 'para', s: k, e: k + 1 };
      }
    }
    if (cur) out.push(cur);

    // A code-looking or tabular line at column 0: the whole segment is a listing.
    if (rest >= 0 && L[rest]!.indent === 0) {
      this.drafts.push({ k: 'pre', s, e });
      return;
    }
    const checked = out.map((d) => (this.readsAsProse(d) ? d : ({ k: 'pre', s: d.s, e: d.e } as Ranged)));
    // Several one-line paragraphs in a row (an address, `Name: value` lines) are a listing too.
    for (let a = 0; a < checked.length; ) {
      let b = a;
      while (b < checked.length && checked[b]!.k === 'para' && checked[b]!.e - checked[b]!.s === 1) b++;
      if (b - a >= 2 && !checked.slice(a, b).every((d) => /[.?!]["')]*$/.test(L[d.s]!.text))) {
        for (let c = a; c < b; c++) checked[c] = { k: 'pre', s: checked[c]!.s, e: checked[c]!.e };
      }
      a = b > a ? b : a + 1;
    }
    for (const d of checked) this.drafts.push(d);
    if (rest >= 0) this.drafts.push({ k: 'pre', s: rest, e });
  }

  /** Final check of a paragraph or item: enough letters, and wrapped lines as wide as prose is. */
  private readsAsProse(d: Ranged): boolean {
    if (d.k === 'pre') return true;
    const L = this.L;
    if (d.k === 'para') {
      if (letterShare(this.flow(d)) < 0.5) return false;
      // A one-line "paragraph" ending in `;` is a statement (`FILE * stream;`).
      if (d.e - d.s === 1 && L[d.s]!.text.endsWith(';')) return false;
    }
    if (d.e - d.s > 1) {
      let width = 0;
      for (let k = d.s; k < d.e; k++) width = Math.max(width, L[k]!.end);
      if (width < 40) return false;
    }
    return true;
  }

  /** The text of a paragraph or item, its lines joined with single spaces (an item without its marker). */
  private flow(d: Ranged): string {
    const parts: string[] = [];
    for (let k = d.s; k < d.e; k++) {
      const t = this.L[k]!.text;
      parts.push(k === d.s && d.k === 'item' ? t.slice(d.m.width).trim() : t);
    }
    return parts.join(' ');
  }

  // ---- Assembly -------------------------------------------------------------

  /** Only blank lines between line indexes a (inclusive) and b (exclusive)? */
  private blankBetween(a: number, b: number): boolean {
    for (let k = a; k < b; k++) if (!isBlank(this.L[k])) return false;
    return true;
  }

  /** Turns drafts [from, to) into blocks. */
  private assemble(from: number, to: number, blocks: Block[]): void {
    const D = this.drafts;
    let i = from;
    while (i < to) {
      const d = D[i]!;
      switch (d.k) {
        case 'heading':
          blocks.push({ type: 'heading', level: d.level, text: d.text, slug: this.slugger.slug(d.text) || this.slugger.slug('section') });
          i++;
          break;
        case 'box':
          blocks.push({ type: 'appliesTo', intro: d.intro, items: d.items });
          i++;
          break;
        case 'para':
          blocks.push({ type: 'paragraph', text: this.flow(d) });
          i++;
          break;
        case 'pre':
          i = this.assemblePre(i, to, blocks);
          break;
        case 'item':
          i = this.assembleItems(i, to, blocks);
          break;
      }
    }
  }

  /** Merges the pre drafts from D[i] on (before `to`) that only blank lines separate; returns the next index. */
  private assemblePre(i: number, to: number, blocks: Block[]): number {
    const D = this.drafts;
    const first = D[i] as Ranged;
    let e = first.e;
    let k = i + 1;
    for (; k < to; k++) {
      const n = D[k]!;
      if (n.k !== 'pre' || !this.blankBetween(e, n.s)) break;
      e = n.e;
    }
    blocks.push({ type: 'pre', text: this.L.slice(first.s, e).map((l) => l.raw).join('\n') });
    return k;
  }

  /**
   * A run of items of one kind from D[i] on (before `to`). Adjacent items
   * belong to it; so do items after other drafts (nested content, notes,
   * sub-steps) when their numbering goes on (bullets: after `pre` only).
   * Bullets become lists between the interruptions. Numbers become one
   * ordered list when the run is 1..n with nothing between; otherwise, and
   * for letters, each item is a paragraph that keeps its marker, so the
   * numbering a list could not show is kept. Returns the index after the run.
   */
  private assembleItems(i: number, to: number, blocks: Block[]): number {
    const D = this.drafts;
    const first = D[i] as Item;
    const same = (d: Draft | undefined): d is Item =>
      d?.k === 'item' && d.m.family === first.m.family && d.m.glyph === first.m.glyph;
    const bullet = first.m.family === 'bullet';
    let last = first;
    let end = i + 1;
    let interrupted = false;
    for (let j = i + 1; j < to; ) {
      const d = D[j]!;
      if (same(d)) {
        last = d;
        end = ++j;
        continue;
      }
      // Look past the interruption for the run's next item.
      let k = j;
      while (k < to && (D[k]!.k === 'pre' || (!bullet && (D[k]!.k === 'para' || D[k]!.k === 'item')) && !same(D[k]))) k++;
      const next = D[k];
      if (k < to && same(next) && (bullet || next.m.value === last.m.value + 1)) {
        interrupted = true;
        j = k;
        continue;
      }
      break;
    }
    if (first.m.family === 'number' && !interrupted) {
      let n = 0;
      const items: string[] = [];
      for (let j = i; j < end; j++) {
        const d = D[j] as Item;
        // The list shows its own numbers: only `1.`, `2.`... as written (not `01.`) may become one.
        if (d.m.value !== ++n || d.m.label !== `${n}${d.m.glyph}`) break;
        items.push(this.flow(d));
      }
      if (items.length === end - i) {
        blocks.push({ type: 'list', ordered: true, items });
        return end;
      }
    }
    let j = i;
    while (j < end) {
      if (!same(D[j])) {
        let k = j;
        while (k < end && !same(D[k])) k++;
        this.assemble(j, k, blocks);
        j = k;
      } else if (bullet) {
        const items: string[] = [];
        for (; j < end && same(D[j]); j++) items.push(this.flow(D[j] as Item));
        blocks.push({ type: 'list', ordered: false, items });
      } else {
        const d = D[j] as Item;
        blocks.push({ type: 'paragraph', text: `${d.m.label} ${this.flow(d)}` });
        j++;
      }
    }
    return end;
  }
}

/** Does marker line `m` start a new item after the draft `cur` (rather than continue its wrapped text)? */
function startsItem(cur: Ranged, m: Marker, prev: Line, prevFull: boolean): boolean {
  const leadIn = prev.text.endsWith(':');
  if (cur.k !== 'item') return leadIn || !prevFull;
  const c = cur.m;
  if (m.family !== c.family || m.glyph !== c.glyph) return leadIn || !prevFull;
  if (m.family === 'bullet') return true;
  return m.value === c.value + 1 || !prevFull;
}

function similarLength(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(2, Math.floor(a / 4));
}
