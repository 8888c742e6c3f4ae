/** One problem with one article file: where it is and what is wrong. */
export interface KbIssue {
  /** Path of the file, as given to the parser. */
  file: string;
  /** 1-based line in the file; 1 when the problem is the file as a whole. */
  line: number;
  /** What is wrong, in a sentence. */
  reason: string;
}

/** The parser's own error: every failure to load an article is one of these. */
export class KbParseError extends Error {
  readonly issue: KbIssue;
  constructor(issue: KbIssue) {
    super(formatIssue(issue));
    this.name = 'KbParseError';
    this.issue = issue;
  }
}

/** `path:line: reason`, the shape editors and terminals turn into links. */
export function formatIssue(i: KbIssue): string {
  return `${i.file}:${i.line}: ${i.reason}`;
}

/** One message for many issues, sorted by file then line so runs are stable. */
export function formatIssues(issues: readonly KbIssue[]): string {
  const sorted = [...issues].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const n = sorted.length;
  return [`${n} bad article file${n === 1 ? '' : 's'}:`, ...sorted.map((i) => `  ${formatIssue(i)}`)].join('\n');
}
