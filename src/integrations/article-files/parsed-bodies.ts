/**
 * Keeps the bodies the build's loader parses for the article pages, so a page
 * neither reads its file nor parses its body again: each article is read and
 * parsed once per build. The loader parses each body it reads (the build's
 * worker gets the same parse, parsed-feed.ts) and appends the blocks and
 * summary, as JSON, to one file; this thread keeps only where each lies. A page
 * takes its own with one positioned read, so no body waits in memory for its
 * page, and none is waited for: content sync is over before pages are built.
 *
 * A page whose article the loader did not read (a second build's neighbour of
 * a changed article, whose file is unchanged) reads its file; so does every
 * page in the dev server, which keeps no bodies. The pages reach the store
 * through `globalThis`, like the loader reaches the parsed feed.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { PreparedBody } from '../../lib/kb/body.ts';

/** Bodies a write: few syscalls, little held. */
const BATCH = 64;

const STORE_KEY = Symbol.for('kb-archive.parsed-bodies');
type Global = { [STORE_KEY]?: BodyStore };

export class BodyStore {
  readonly #file: string;
  readonly #placed = new Map<string, { offset: number; length: number }>();
  #fd: number | undefined;
  /** Where the unwritten texts begin in the file, and where the next body will. */
  #start = 0;
  #offset = 0;
  #texts: string[] = [];
  /** Bodies pages took from the loader's parse. */
  taken = 0;

  constructor(file: string) {
    this.#file = file;
  }

  /** Keeps article `id`'s body: `json` is a PreparedBody as JSON. */
  add(id: string, json: string): void {
    const length = Buffer.byteLength(json);
    this.#texts.push(json);
    this.#placed.set(id, { offset: this.#offset, length });
    this.#offset += length;
    if (this.#texts.length === BATCH) this.flush();
  }

  /** Writes what is kept so far; the loader calls it when it is done. */
  flush(): void {
    if (this.#texts.length === 0) return;
    this.#fd ??= openSync(this.#file, 'w+');
    const bytes = Buffer.from(this.#texts.join(''));
    for (let done = 0; done < bytes.length; ) done += writeSync(this.#fd, bytes, done, bytes.length - done, this.#start + done);
    this.#start = this.#offset;
    this.#texts = [];
  }

  /** Article `id`'s body as the loader parsed it, once; undefined if the loader did not read it. */
  take(id: string): PreparedBody | undefined {
    const place = this.#placed.get(id);
    if (!place) return undefined;
    this.#placed.delete(id);
    if (place.offset >= this.#start) this.flush();
    const bytes = Buffer.allocUnsafe(place.length);
    for (let done = 0; done < place.length; ) {
      const read = readSync(this.#fd!, bytes, done, place.length - done, place.offset + done);
      if (read === 0) throw new Error(`${this.#file}: ends before the body of ${id} (bytes ${place.offset}-${place.offset + place.length})`);
      done += read;
    }
    this.taken++;
    return JSON.parse(bytes.toString('utf8')) as PreparedBody;
  }

  /** The build is over: the file goes. */
  close(): void {
    if ((globalThis as Global)[STORE_KEY] === this) delete (globalThis as Global)[STORE_KEY];
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    this.#placed.clear();
    this.#texts = [];
    rmSync(this.#file, { force: true });
  }
}

/** Opens the store for one build, where the loader and this thread's pages find it. */
export function openBodies(file: string): BodyStore {
  rmSync(file, { force: true });
  const store = new BodyStore(file);
  (globalThis as Global)[STORE_KEY] = store;
  return store;
}

/** The build's store, if this process is building (not the dev server). */
export const bodyStore = (): BodyStore | undefined => (globalThis as Global)[STORE_KEY];
