/**
 * The base of an incremental search index (src/lib/search/delta.ts): what a
 * full index was made of, kept in Astro's cache folder so that later builds can
 * index only what changed since. It is trusted only while the published bundle
 * is that base's (the digest stamped in both).
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BaseArticles } from '../../lib/search/delta.ts';

/** In the bundle: the digest of the base it holds. */
export const BASE_STAMP = 'base.sha256';

export interface BaseState extends BaseArticles {
  /** The layout and index settings it was made with; another layout makes it useless. */
  layout: string;
  /** The digest of the full index's inputs, also in the bundle's BASE_STAMP. */
  digest: string;
}

/** The base the bundle in `bundleDir` was made from, if the state file describes it. */
export function readBase(stateFile: string, bundleDir: string, layout: string): BaseState | undefined {
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as BaseState;
    const stamp = readFileSync(path.join(bundleDir, BASE_STAMP), 'utf8');
    if (state.layout !== layout || state.digest !== stamp || state.numbers.length !== state.hashes.length) return undefined;
    return state;
  } catch {
    return undefined;
  }
}

export function writeBase(stateFile: string, state: BaseState): void {
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify(state));
}

/**
 * Stages the base's files (all of `from` but the `skip`ped top-level names)
 * into `to` as hard links: a delta build publishes a whole bundle without
 * copying the base's 70 MB. Copies where links cannot be made (another disk).
 */
export function linkBundle(from: string, to: string, skip: ReadonlySet<string>): number {
  let files = 0;
  const walk = (rel: string) => {
    mkdirSync(path.join(to, rel), { recursive: true });
    for (const entry of readdirSync(path.join(from, rel), { withFileTypes: true })) {
      const name = path.join(rel, entry.name);
      if (rel === '' && skip.has(entry.name)) continue;
      if (entry.isDirectory()) walk(name);
      else {
        const [src, dest] = [path.join(from, name), path.join(to, name)];
        if (existsSync(dest)) continue;
        try {
          linkSync(src, dest);
        } catch {
          copyFileSync(src, dest);
        }
        files++;
      }
    }
  };
  walk('');
  return files;
}
