/**
 * Follows the content folder for the dev server, with @parcel/watcher (the
 * watcher VS Code uses): it walks the folder and takes the system's events on
 * a native thread. Astro's own watcher (Vite's chokidar 3) puts a watch on
 * every file and folder it is given: on the reference archive (57,316 article
 * folders) that took 15 s of the main thread and 800 MB before the first page
 * could answer; this takes 1.5 s and 90 MB.
 *
 * One subscription per folder per process: a dev server that restarts after a
 * config change loads the collection again, and the old one must stop.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import watcher, { type AsyncSubscription } from '@parcel/watcher';
import { isArticleFile, listArticleFiles } from '../lib/kb/scan.ts';

export interface ContentEvents {
  /** An article file was added or changed (absolute path). */
  changed: (file: string) => void;
  /** An article file is gone (absolute path); so is every known file below a deleted folder. */
  deleted: (file: string) => void;
  /** The watcher failed: edits are no longer followed. */
  failed: (error: Error) => void;
}

const SUBSCRIPTIONS = Symbol.for('kb-archive.content-watch');
type Registry = Map<string, Promise<AsyncSubscription | undefined>>;
const registry = ((globalThis as { [SUBSCRIPTIONS]?: Registry })[SUBSCRIPTIONS] ??= new Map());

/** Starts following `dir` (replacing an earlier subscription to it); `known` lists the files followed so far. */
export function watchContent(dir: string, known: () => Iterable<string>, on: ContentEvents): void {
  const previous = registry.get(dir);
  const isArticle = (file: string) => {
    const rel = path.relative(dir, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && isArticleFile(rel);
  };
  const started = (async () => {
    await (await previous)?.unsubscribe();
    return watcher.subscribe(dir, (error, events) => {
      if (error) return on.failed(error);
      // Folders deleted or moved away, which may be reported alone, without their files.
      const gone = new Set<string>();
      for (const { path: p, type } of events) {
        if (type === 'delete') {
          if (isArticle(p)) on.deleted(p);
          else gone.add(p);
        } else if (isArticle(p)) on.changed(p);
        // A folder moved in may be reported alone too.
        else if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) for (const file of listArticleFiles(p)) if (isArticle(file)) on.changed(file);
      }
      // One pass over the known files for all of them: deleting the whole archive is 57,316 folders.
      if (gone.size > 0) for (const file of [...known()]) if (inAny(file, dir, gone)) on.deleted(file);
    });
  })().catch((e: unknown) => {
    on.failed(e instanceof Error ? e : new Error(String(e)));
    return undefined;
  });
  registry.set(dir, started);
}

/** Whether `file` (below `root`) lies in one of `folders`, `root` itself included: its parent folders are looked up, not every folder compared. */
function inAny(file: string, root: string, folders: ReadonlySet<string>): boolean {
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    if (folders.has(d)) return true;
    if (d.length <= root.length) return false;
  }
}
