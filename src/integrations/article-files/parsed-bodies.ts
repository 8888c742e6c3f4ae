/**
 * Hands the bodies the build's worker parses to the article pages on the main
 * thread, so a page neither reads its file nor parses its body again: each
 * article is read and parsed once per build. The worker parses every body it
 * reads (for the article's JSON document and search entry); it appends the
 * blocks and summary to one file, and posts where each lies over a
 * MessageChannel. A page takes its own with one positioned read, and no body
 * waits in memory for its page.
 *
 * The worker does not parse every article in a second build: a page it has not
 * sent (a neighbour of a changed article, say) is told so once the worker's
 * articles are done, and renders from its file; so does every page in the dev
 * server, which has no worker. The pages reach the main end through
 * `globalThis`, like the loader reaches the parsed feed (parsed-feed.ts).
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { ParsedBody } from '../../lib/kb/body.ts';

/** A body as the worker parsed it, with the summary its JSON document has (summaryOf). */
export interface PreparedBody extends ParsedBody {
  summary: string;
}

/** Where one article's body lies in the file: id, byte offset, byte length. */
type Placed = [id: string, offset: number, length: number];
/** Places, a batch a message; an empty batch: the worker will send no more. */
type BodiesMessage = Placed[];
/** Articles a message: few enough that the first pages need not wait long. */
const BATCH = 64;

const READER_KEY = Symbol.for('kb-archive.parsed-bodies');
type Global = { [READER_KEY]?: BodyReader };

/** The worker's end: appends each body to `file` and says where it is. */
export class BodyWriter {
  readonly #fd: number;
  readonly #port: MessagePort;
  /** Where the batch's text begins in the file, and where the next body will. */
  #start = 0;
  #offset = 0;
  #texts: string[] = [];
  #batch: BodiesMessage = [];

  constructor(file: string, port: MessagePort) {
    this.#fd = openSync(file, 'w');
    this.#port = port;
  }

  add(id: string, body: PreparedBody): void {
    const text = JSON.stringify(body);
    const length = Buffer.byteLength(text);
    this.#texts.push(text);
    this.#batch.push([id, this.#offset, length]);
    this.#offset += length;
    if (this.#batch.length === BATCH) this.#flush();
  }

  /** No more bodies: pages still waiting render from their files. */
  end(): void {
    if (this.#batch.length > 0) this.#flush();
    this.#port.postMessage([] satisfies BodiesMessage);
    closeSync(this.#fd);
    this.#port.close();
  }

  /** One write a batch; the places are posted after it, so a page's read finds its body there. */
  #flush(): void {
    const bytes = Buffer.from(this.#texts.join(''));
    for (let done = 0; done < bytes.length; ) done += writeSync(this.#fd, bytes, done, bytes.length - done, this.#start + done);
    this.#start = this.#offset;
    this.#port.postMessage(this.#batch);
    this.#texts = [];
    this.#batch = [];
  }
}

/** The main thread's end: each page takes its article's body once. */
export class BodyReader {
  readonly #file: string;
  readonly #port: MessagePort;
  readonly #placed = new Map<string, { offset: number; length: number }>();
  readonly #waiting = new Map<string, () => void>();
  #fd: number | undefined;
  #ended = false;
  /** Bodies pages took from the worker's parse. */
  taken = 0;

  constructor(file: string, port: MessagePort) {
    this.#file = file;
    this.#port = port;
    port.on('message', (batch: BodiesMessage) => {
      if (batch.length === 0) {
        port.close();
        return this.end();
      }
      for (const [id, offset, length] of batch) {
        this.#placed.set(id, { offset, length });
        this.#wake(id);
      }
    });
    // Only a page's wait keeps the process alive for this port: a build that fails early must not hang.
    port.unref();
  }

  /** The worker's parse of article `id`, or undefined once it is clear the worker did not parse it. */
  async take(id: string): Promise<PreparedBody | undefined> {
    if (!this.#placed.has(id) && !this.#ended) {
      this.#port.ref();
      await new Promise<void>((resolve) => this.#waiting.set(id, resolve));
    }
    const place = this.#placed.get(id);
    if (!place) return undefined;
    this.#placed.delete(id);
    this.#fd ??= openSync(this.#file, 'r');
    const bytes = Buffer.allocUnsafe(place.length);
    for (let done = 0; done < place.length; ) {
      const read = readSync(this.#fd, bytes, done, place.length - done, place.offset + done);
      if (read === 0) throw new Error(`${this.#file}: ends before the body of ${id} (bytes ${place.offset}-${place.offset + place.length})`);
      done += read;
    }
    this.taken++;
    return JSON.parse(bytes.toString('utf8')) as PreparedBody;
  }

  /** The worker sent its last body, or stopped: pages still waiting render from their files. */
  end(): void {
    this.#ended = true;
    for (const id of [...this.#waiting.keys()]) this.#wake(id);
  }

  /** The build is over: the file goes. */
  close(): void {
    this.end();
    if ((globalThis as Global)[READER_KEY] === this) delete (globalThis as Global)[READER_KEY];
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    rmSync(this.#file, { force: true });
  }

  #wake(id: string): void {
    this.#waiting.get(id)?.();
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.#port.unref();
  }
}

/** Opens the hand-over for one build: the port and file go to the worker, the reader to this thread's pages. */
export function openBodies(file: string): { port: MessagePort; reader: BodyReader } {
  rmSync(file, { force: true });
  const { port1, port2 } = new MessageChannel();
  const reader = new BodyReader(file, port1);
  (globalThis as Global)[READER_KEY] = reader;
  return { port: port2, reader };
}

/** For an article page: the worker's parse of its body, if this is a build and the worker parsed it. */
export function preparedBody(id: string): Promise<PreparedBody | undefined> | undefined {
  return (globalThis as Global)[READER_KEY]?.take(id);
}
