/**
 * The one-article changes `npm run bench` times second builds with (its
 * `edit`, `add` and `delete` phases), made on its folder of hard links to the
 * articles: a changed file replaces its link, so the source is never written.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sitePaths } from '../../src/lib/routes.ts';

/** The word the edit puts into a body, for the bench to find in the built page. */
export const EDIT_MARK = 'kbbenchedited';

/**
 * The article with its title (front matter and heading) ended by ` (edited)`,
 * and `EDIT_MARK` added to its first body line of prose.
 */
export function editArticle(text: string, id: string): string {
  const lines = text.split('\n');
  let title = 0;
  let body = 0;
  lines.forEach((line, i) => {
    if (/^title: /.test(line) || line.startsWith(`## ${id}: `)) {
      lines[i] = line.startsWith('title: "') ? line.replace(/"\s*$/, ' (edited)"') : `${line.trimEnd()} (edited)`;
      title++;
    }
  });
  // The first line of prose after the header's closing rule.
  const rule = lines.findLastIndex((l, i) => i < 40 && /^\t-{20,}\s*$/.test(l));
  const prose = lines.findIndex((l, i) => i > rule && /^\t[A-Za-z].{20,}$/.test(l));
  if (prose >= 0) {
    lines[prose] = `${lines[prose]!.trimEnd()} ${EDIT_MARK}`;
    body++;
  }
  if (title === 0 || body === 0) throw new Error(`${id}: found no ${title === 0 ? 'title' : 'body line'} to edit`);
  return lines.join('\n');
}

/** The same article under another id: every mention of the old id, permalink included, renamed. */
export function renumberArticle(text: string, from: string, to: string): string {
  const permalink = (id: string) => sitePaths.article(id).slice(1);
  return text.replaceAll(permalink(from), permalink(to)).replaceAll(from, to);
}

/** Writes `text` at `file`, replacing the link (or file) that was there. */
export function replaceFile(file: string, text: string): void {
  rmSync(file, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
