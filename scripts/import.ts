/**
 * npm run import -- <txt dir> [--out <dir>] [--force]
 *
 * Turns the original KB text files below <txt dir> (`Q10022.TXT`, Windows-1252,
 * CRLF) into articles in the site's Markdown format at `<out>/<nnn>/<Qid>/README.md`
 * (default out: the site config's content folder, `content/` unless KB_CONFIG or
 * KB_CONTENT_DIR say otherwise). The notice each file ends with is dropped when it
 * is the site config's `notice` (the site shows that in every footer). Idempotent: an article that is already what the
 * import would write is left alone ("unchanged"); one that differs is never
 * overwritten ("skipped") unless --force is given. A file that cannot be read
 * as a KB text file is reported as `path:line: reason` and the run carries on;
 * the exit status is 1 when any file failed. Progress goes to stderr about once
 * a second, the summary to stdout.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../src/integrations/kb-archive/config.ts';
import { formatIssue, KbParseError } from '../src/lib/kb/errors.ts';
import { importTxt } from '../src/lib/kb/import/txt.ts';

const USAGE = 'usage: npm run import -- <txt dir> [--out <dir>] [--force]';

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  args = parse();
} catch (e) {
  console.error(`import: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.positionals.length !== 1) {
  console.error(`import: ${args.positionals.length === 0 ? 'no text folder given' : 'one text folder only'}\n${USAGE}`);
  process.exit(2);
}
const source = args.positionals[0]!;
const config = resolveConfig(undefined, { root: path.resolve(import.meta.dirname, '..') });
const out = path.resolve(args.values.out ?? config.contentDir);
const force = args.values.force;

/** Every `.TXT` file below the folder, relative to it, sorted so runs report in the same order. */
async function listTxtFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((n) => /\.txt$/i.test(n)).sort();
}

type Outcome = 'imported' | 'unchanged' | 'skipped' | 'overwritten' | 'failed';
const counts: Record<Outcome, number> = { imported: 0, unchanged: 0, skipped: 0, overwritten: 0, failed: 0 };
const skipped: string[] = [];
/** Output path -> the text file that produced it: two files with one id must not both write it. */
const claimed = new Map<string, string>();

function fail(file: string, line: number, reason: string): 'failed' {
  console.error(formatIssue({ file, line, reason }));
  return 'failed';
}

/** What to write where, when the article is new or (with --force) differs. */
interface Write {
  file: string;
  target: string;
  data: Buffer;
  replace: boolean;
}

/**
 * Reads, converts and compares one file. Reading is synchronous: small files
 * from the page cache come back faster than a round trip through the thread
 * pool. Writing, where the file system spends its time, goes to the pool.
 */
function prepare(rel: string): Outcome | Write {
  const file = path.join(source, rel);
  let result: ReturnType<typeof importTxt>;
  try {
    result = importTxt(readFileSync(file), file, { notice: config.notice });
  } catch (e) {
    if (e instanceof KbParseError) return fail(e.issue.file, e.issue.line, e.issue.reason);
    return fail(file, 1, `cannot read: ${(e as Error).message}`);
  }
  const target = path.join(out, result.path);
  const earlier = claimed.get(target);
  if (earlier !== undefined) return fail(file, 1, `${result.article.id} again: ${earlier} already imports it`);
  claimed.set(target, file);

  const data = Buffer.from(result.markdown, 'utf8');
  let existing: Buffer | undefined;
  try {
    existing = readFileSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return fail(file, 1, `cannot read ${target}: ${(e as Error).message}`);
  }
  if (existing === undefined) return { file, target, data, replace: false };
  if (existing.equals(data)) return 'unchanged';
  if (!force) {
    skipped.push(target);
    return 'skipped';
  }
  return { file, target, data, replace: true };
}

async function write(w: Write): Promise<Outcome> {
  try {
    if (w.replace) {
      // Through a file beside it: an interrupted run never leaves half an article behind.
      const temp = `${w.target}.${process.pid}.tmp`;
      await writeFile(temp, w.data);
      await rename(temp, w.target);
      return 'overwritten';
    }
    await mkdir(path.dirname(w.target), { recursive: true });
    // `wx`: fail rather than overwrite a file that appeared since we looked.
    await writeFile(w.target, w.data, { flag: 'wx' });
    return 'imported';
  } catch (e) {
    return fail(w.file, 1, `cannot write ${w.target}: ${(e as Error).message}`);
  }
}

const started = performance.now();
let files: string[];
try {
  files = await listTxtFiles(source);
} catch (e) {
  console.error(`import: cannot read the text folder ${source}: ${(e as Error).message}`);
  process.exit(2);
}
if (files.length === 0) {
  console.error(`import: no .TXT files below ${source}`);
  process.exit(2);
}

const fmt = (n: number) => n.toLocaleString('en-US');
const elapsed = () => (performance.now() - started) / 1000;
let done = 0;
const tty = process.stderr.isTTY === true;
function progressLine(): string {
  const s = elapsed();
  return (
    `import: ${fmt(done)}/${fmt(files.length)} files, ${fmt(Math.round(done / s))} files/s ` +
    `(${fmt(counts.imported + counts.overwritten)} written, ${fmt(counts.unchanged)} unchanged, ` +
    `${fmt(counts.skipped)} skipped, ${fmt(counts.failed)} failed)`
  );
}
let lastProgress = performance.now();
let shownProgress = false;
/** Progress about once a second; checked per file, since a run with nothing to write never yields to timers. */
function progress() {
  const now = performance.now();
  if (now - lastProgress < 1000) return;
  lastProgress = now;
  shownProgress = true;
  process.stderr.write(tty ? `\r${progressLine()}\x1b[K` : `${progressLine()}\n`);
}

// Writes in flight at once: enough to keep the thread pool and the disk busy.
const MAX_WRITES = 16;
const writing = new Set<Promise<void>>();
for (const rel of files) {
  const step = prepare(rel);
  if (typeof step === 'string') {
    counts[step]++;
    done++;
  } else {
    const p: Promise<void> = write(step).then((outcome) => {
      counts[outcome]++;
      done++;
      writing.delete(p);
    });
    writing.add(p);
    if (writing.size >= MAX_WRITES) await Promise.race(writing);
  }
  progress();
}
await Promise.all(writing);
if (tty && shownProgress) process.stderr.write(`\r${progressLine()}\x1b[K\n`);

if (skipped.length > 0) {
  const shown = skipped.slice(0, 10);
  console.error(
    `import: ${fmt(skipped.length)} article${skipped.length === 1 ? '' : 's'} already exist and differ from the import; ` +
      'left as they are (--force overwrites them):\n' +
      shown.map((s) => `  ${s}`).join('\n') +
      (skipped.length > shown.length ? `\n  ... and ${fmt(skipped.length - shown.length)} more` : ''),
  );
}
const seconds = elapsed();
console.log(
  `import: ${fmt(files.length)} files in ${seconds.toFixed(1)} s (${fmt(Math.round(files.length / seconds))} files/s): ` +
    `${fmt(counts.imported)} imported, ${fmt(counts.unchanged)} unchanged, ${fmt(counts.skipped)} skipped, ` +
    `${force ? `${fmt(counts.overwritten)} overwritten, ` : ''}${fmt(counts.failed)} failed -> ${out}`,
);
process.exit(counts.failed > 0 ? 1 : 0);
