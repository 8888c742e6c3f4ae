/**
 * What a second build or a restarted dev server remembers of the files it read,
 * so that it need not read them again: each file's modification time and size,
 * and a digest of the code that turned files into output (output made by other
 * code is never reused). Node-only (fs), free of Astro.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FileStamp {
  mtimeMs: number;
  size: number;
}

export function stampOf(file: string): FileStamp {
  const { mtimeMs, size } = statSync(file);
  return { mtimeMs, size };
}

export const sameStamp = (a: FileStamp | undefined, b: FileStamp): boolean => a !== undefined && a.mtimeMs === b.mtimeMs && a.size === b.size;

/** The project's `src/`, where this file is. */
const SRC = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A digest of the TypeScript files in these folders of `src/` (not their
 * subfolders), with `extra` text mixed in. Undefined when they cannot be read,
 * as in a bundle: then nothing is reused.
 */
export function codeDigest(folders: readonly string[], extra = ''): string | undefined {
  try {
    const hash = createHash('sha256').update(extra);
    for (const folder of folders) {
      const dir = path.join(SRC, folder);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
        hash.update(`\0${folder}/${name}\0`).update(readFileSync(path.join(dir, name)));
      }
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}
