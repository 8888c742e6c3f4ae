/**
 * The real archive, for corpus tests and benchmarks. It is data outside the
 * repository (`../shared/kbarchive/{articles,txt}.tar.gz`, or the folder in
 * KB_CORPUS_DIR); the first call unpacks a tarball into a cache folder
 * (`node_modules/.cache/kb-corpus/`, or KB_CORPUS_CACHE) and later calls,
 * from any process, reuse that copy until the tarball changes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

const run = promisify(execFile);

/** The project root (where package.json is). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the corpus is kept: KB_CORPUS_DIR, else `../shared/kbarchive` beside the project. */
export function corpusDir(): string {
  return path.resolve(repoRoot, process.env.KB_CORPUS_DIR ?? '../shared/kbarchive');
}

/** Where unpacked copies are cached. */
export function corpusCacheDir(): string {
  return path.resolve(repoRoot, process.env.KB_CORPUS_CACHE ?? 'node_modules/.cache/kb-corpus');
}

/** The two parts of the corpus: the Markdown articles and the original text files. */
const PARTS = {
  articles: { tarball: 'articles.tar.gz', folder: path.join('kbarchive', 'articles') },
  txt: { tarball: 'txt.tar.gz', folder: path.join('kbarchive', 'txt') },
} as const;
export type CorpusPart = keyof typeof PARTS;

/** The tarball of a part of the corpus. */
export function corpusTarball(part: CorpusPart = 'articles'): string {
  return path.join(corpusDir(), PARTS[part].tarball);
}

const DONE = '.unpacked';

/** How to get the corpus, for messages. */
export const CORPUS_HOWTO =
  'put the archive at ../shared/kbarchive/ (articles.tar.gz, txt.tar.gz) beside the project, or point KB_CORPUS_DIR at the folder that holds it';

/**
 * Why the corpus tests cannot run, or undefined when they can: the part is
 * missing (neither its tarball nor an unpacked copy), or KB_SKIP_CORPUS=1.
 */
export function corpusMissing(...parts: CorpusPart[]): string | undefined {
  if (process.env.KB_SKIP_CORPUS === '1') return 'KB_SKIP_CORPUS=1';
  const missing = parts.filter((part) => !existsSync(corpusTarball(part)) && !existsSync(path.join(corpusDir(), PARTS[part].folder)));
  return missing.length > 0 ? `no ${missing.map((p) => PARTS[p].tarball).join(' or ')} in ${corpusDir()}` : undefined;
}

/**
 * A describe block over the corpus. Without the corpus it is reported as
 * skipped, its name saying why and how to get it; under CI=true (where the
 * corpus must be) a missing corpus fails instead.
 */
export function describeCorpus(name: string, parts: CorpusPart[], body: () => void): void {
  const missing = corpusMissing(...parts);
  if (missing === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true' && process.env.KB_SKIP_CORPUS !== '1') {
    describe(name, () => {
      it('has the corpus (required under CI=true)', () => {
        throw new Error(`KB corpus not found: ${missing}; ${CORPUS_HOWTO}.`);
      });
    });
  } else {
    console.warn(`Corpus tests skipped (${missing}): ${CORPUS_HOWTO}.`);
    describe.skip(`${name} (skipped: ${missing}; ${CORPUS_HOWTO})`, body);
  }
}

/**
 * The folder that holds a part of the corpus (`<nnn>/<Qid>/README.md` for the
 * articles, `<nnn>/<Qid>.TXT` for the text files), unpacking its tarball first
 * if no cached copy of this tarball exists. A corpus folder that is already
 * unpacked (it has `kbarchive/<part>` and no tarball) is used as it is. Throws,
 * saying what is missing, when there is no corpus at all.
 */
export async function corpusPartDir(part: CorpusPart): Promise<string> {
  const { folder } = PARTS[part];
  const tarball = corpusTarball(part);
  if (!existsSync(tarball)) {
    const unpacked = path.join(corpusDir(), folder);
    if (existsSync(unpacked)) return unpacked;
    throw new Error(
      `KB corpus not found: ${tarball} does not exist. Put the archive there, point KB_CORPUS_DIR at the folder ` +
        `that holds ${PARTS[part].tarball}, or set KB_SKIP_CORPUS=1 to skip the corpus tests.`,
    );
  }
  const { size, mtimeMs } = await stat(tarball);
  const cache = corpusCacheDir();
  const target = path.join(cache, `${part}-${size}-${Math.floor(mtimeMs)}`);
  if (existsSync(path.join(target, DONE))) return path.join(target, folder);

  // Unpack beside the target and move it into place, so that a half-unpacked
  // copy is never used and concurrent callers do not get in each other's way.
  await mkdir(cache, { recursive: true });
  const tmp = await mkdtemp(path.join(cache, `unpacking-${part}-`));
  try {
    await run('tar', ['-xzf', tarball, '-C', tmp], { maxBuffer: 64 * 1024 * 1024 });
    if (!existsSync(path.join(tmp, folder))) throw new Error(`KB corpus: ${tarball} has no ${folder}/ folder`);
    await writeFile(path.join(tmp, DONE), `${tarball}\n`);
    if (existsSync(target) && !existsSync(path.join(target, DONE))) await rm(target, { recursive: true, force: true });
    await rename(tmp, target).catch((e: unknown) => {
      // Someone else finished first: theirs is as good as ours.
      if (!existsSync(path.join(target, DONE))) throw e;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  // Copies of older tarballs are no longer needed.
  for (const name of await readdir(cache)) {
    if (name.startsWith(`${part}-`) && path.join(cache, name) !== target) {
      await rm(path.join(cache, name), { recursive: true, force: true });
    }
  }
  return path.join(target, folder);
}

/** The unpacked Markdown articles. */
export const corpusArticlesDir = (): Promise<string> => corpusPartDir('articles');

/** The unpacked original text files. */
export const corpusTxtDir = (): Promise<string> => corpusPartDir('txt');

async function listFiles(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries
    .filter((f) => keep(path.basename(f)))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every article file under `articlesDir` (`<nnn>/<Qid>/README.md`), sorted. */
export const listArticleFiles = (articlesDir: string) => listFiles(articlesDir, (name) => name === 'README.md');

/** Every text file under `txtDir` (`<nnn>/<Qid>.TXT`), sorted. */
export const listTxtFiles = (txtDir: string) => listFiles(txtDir, (name) => /\.txt$/i.test(name));
