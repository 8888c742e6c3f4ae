/**
 * The archive's original text files, for the import's round-trip test: the
 * counterpart of corpus.ts (which it reuses: same corpus folder, same cache
 * folder) for `txt.tar.gz`. The first call unpacks the tarball into
 * `node_modules/.cache/kb-corpus/txt-<size>-<mtime>/` (or under KB_CORPUS_CACHE)
 * and later calls, from any process, reuse that copy until the tarball changes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { corpusCacheDir, corpusDir } from './corpus.ts';

const run = promisify(execFile);

const TXT = path.join('kbarchive', 'txt');
const DONE = '.unpacked';

/** The tarball of the text files. */
export function corpusTxtTarball(): string {
  return path.join(corpusDir(), 'txt.tar.gz');
}

/**
 * The folder that holds `<nnn>/<Qid>.TXT` for every text file, unpacking the
 * tarball first if no cached copy of this tarball exists. A corpus folder that
 * is already unpacked (it has `kbarchive/txt` and no tarball) is used as it is.
 * Throws, saying what is missing, when there is neither.
 */
export async function corpusTxtDir(): Promise<string> {
  const tarball = corpusTxtTarball();
  if (!existsSync(tarball)) {
    const unpacked = path.join(corpusDir(), TXT);
    if (existsSync(unpacked)) return unpacked;
    throw new Error(
      `KB corpus not found: ${tarball} does not exist. Put the archive there, point KB_CORPUS_DIR at the folder ` +
        'that holds txt.tar.gz and articles.tar.gz, or set KB_SKIP_CORPUS=1 to skip the corpus tests.',
    );
  }
  const { size, mtimeMs } = await stat(tarball);
  const cache = corpusCacheDir();
  const target = path.join(cache, `txt-${size}-${Math.floor(mtimeMs)}`);
  if (existsSync(path.join(target, DONE))) return path.join(target, TXT);

  // Unpack beside the target, then move it into place: a half-unpacked copy is never used.
  await mkdir(cache, { recursive: true });
  const tmp = await mkdtemp(path.join(cache, 'unpacking-txt-'));
  try {
    await run('tar', ['-xzf', tarball, '-C', tmp], { maxBuffer: 64 * 1024 * 1024 });
    if (!existsSync(path.join(tmp, TXT))) throw new Error(`KB corpus: ${tarball} has no ${TXT}/ folder`);
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
    if (name.startsWith('txt-') && path.join(cache, name) !== target) {
      await rm(path.join(cache, name), { recursive: true, force: true });
    }
  }
  return path.join(target, TXT);
}

/** Every text file under `txtDir` (`<nnn>/<Qid>.TXT`), sorted. */
export async function listTxtFiles(txtDir: string): Promise<string[]> {
  const entries = await readdir(txtDir, { recursive: true });
  return entries
    .filter((f) => /\.txt$/i.test(f))
    .sort()
    .map((f) => path.join(txtDir, f));
}
