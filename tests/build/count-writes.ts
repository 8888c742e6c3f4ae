/**
 * Preloaded into a build (`node --import`): counts the main thread's
 * `fs.promises.writeFile` calls per file, by real path, and writes them as JSON
 * to `KB_WRITE_LOG` when the process exits. Astro writes its pages that way.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

if (isMainThread && process.env.KB_WRITE_LOG) {
  const log = process.env.KB_WRITE_LOG;
  const files: string[] = [];
  const writeFile = fs.promises.writeFile;
  fs.promises.writeFile = (file, ...rest) => {
    if (typeof file === 'string' || file instanceof URL) files.push(file instanceof URL ? fileURLToPath(file) : file);
    return writeFile(file, ...rest);
  };
  process.on('exit', () => {
    const counts: Record<string, number> = {};
    for (const f of files) {
      let real = f;
      try {
        real = fs.realpathSync(f);
      } catch {
        // Gone since: counted under the name it was written as.
      }
      counts[real] = (counts[real] ?? 0) + 1;
    }
    fs.writeFileSync(log, JSON.stringify(counts));
  });
}
