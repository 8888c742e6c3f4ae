/**
 * Hands the articles the loader parses on the main thread to the worker, so a
 * build reads and parses each file once, not once per thread; their bodies,
 * parsed as they are sent, go to the article pages too (parsed-bodies.ts).
 * The loader runs inside Astro's content layer, which an integration cannot
 * reach, so the integration leaves one end of a MessageChannel on
 * `globalThis` and the worker gets the other.
 *
 * The loader sends only the files it reads (a second build's changed ones) and
 * only good ones, in file order, as the worker takes them. So a file the worker
 * wants is not coming once a later one has come, or once the feed ends (the
 * loader is done, or at the latest the build starts, after content sync: the
 * integration ends it then, in case no loader ran); the worker reads it itself.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { prepareBody, type PreparedBody } from '../../lib/kb/body.ts';
import type { ParsedFile, ParsedSource, ScannedArticle } from '../../lib/kb/scan.ts';
import { bodyStore } from './parsed-bodies.ts';

const PORT_KEY = Symbol.for('kb-archive.parsed-feed');
type Global = { [PORT_KEY]?: MessagePort };

/**
 * Parsed articles, a batch a message; an empty batch ends the feed. A parsed
 * body travels as the JSON text the article pages get (parsed-bodies.ts): one
 * string, parsed once the worker takes it, since the loader parses faster
 * than the worker takes and one string a waiting article holds far less memory.
 */
type FeedMessage = SentFile[];
type SentFile = Pick<ParsedFile, 'fields' | 'bodyLine'> & { body: string };
const received = ({ fields, body, bodyLine }: SentFile): ParsedFile => ({ fields, bodyLines: [], body: JSON.parse(body) as PreparedBody, bodyLine });
/** Articles a message: enough that posting costs little, few enough that the worker starts early. */
const BATCH = 64;

/** Opens a feed for one build: the returned port goes to the worker, `end` ends it. */
export function openFeed(): { port: MessagePort; end: () => void } {
  const { port1, port2 } = new MessageChannel();
  (globalThis as Global)[PORT_KEY] = port1;
  return {
    port: port2,
    end: () => {
      delete (globalThis as Global)[PORT_KEY];
      port1.postMessage([] satisfies FeedMessage);
      port1.close();
    },
  };
}

/**
 * The loader's end, if this process is building with a worker (not in the dev
 * server). Each article sent has its body parsed here, once: the worker and
 * the article pages (the build's body store) both get that parse.
 */
export function feedSender(): { send: (article: ScannedArticle) => void; end: () => void } | undefined {
  const port = (globalThis as Global)[PORT_KEY];
  if (!port) return undefined;
  delete (globalThis as Global)[PORT_KEY];
  const bodies = bodyStore();
  let batch: FeedMessage = [];
  const flush = () => {
    port.postMessage(batch satisfies FeedMessage);
    batch = [];
  };
  return {
    send: ({ fields, bodyLines, bodyLine }) => {
      const body = JSON.stringify(prepareBody(bodyLines));
      bodies?.add(fields.id, body);
      batch.push({ fields, body, bodyLine });
      if (batch.length === BATCH) flush();
    },
    end: () => {
      bodies?.flush();
      if (batch.length > 0) flush();
      flush();
    },
  };
}

/** The worker's end: a ParsedSource for scanArticleDir. Articles it will not take are let go as they come. */
export class FeedReceiver implements ParsedSource {
  readonly #arrived = new Map<string, SentFile>();
  readonly #waiting = new Map<string, (parsed: ParsedFile | undefined) => void>();
  /** Each file the scan will read, and its place in the scan's order. */
  #places: ReadonlyMap<string, number> | undefined;
  /** The furthest place that has come: no file before it is still to come. */
  #passed = -1;
  #ended = false;
  /** Files taken from the feed, not read by the scan. */
  taken = 0;

  constructor(port: MessagePort) {
    port.on('message', (batch: FeedMessage) => {
      if (batch.length === 0) return this.#end(port);
      for (const sent of batch) this.#arrive(sent);
    });
  }

  expect(files: readonly string[]): void {
    const places = new Map(files.map((file, i) => [file, i]));
    this.#places = places;
    for (const file of this.#arrived.keys()) {
      const place = places.get(file);
      if (place === undefined) this.#arrived.delete(file);
      else this.#passed = Math.max(this.#passed, place);
    }
  }

  take(file: string): Promise<ParsedFile | undefined> {
    const sent = this.#arrived.get(file);
    if (sent) {
      this.#arrived.delete(file);
      this.taken++;
      return Promise.resolve(received(sent));
    }
    if (this.#ended || this.#isPassed(file)) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiting.set(file, resolve));
  }

  #arrive(sent: SentFile): void {
    const { file } = sent.fields;
    const place = this.#places?.get(file);
    if (this.#places && place === undefined) return;
    const waiting = this.#waiting.get(file);
    if (waiting) {
      this.#waiting.delete(file);
      this.taken++;
      waiting(received(sent));
    } else this.#arrived.set(file, sent);
    if (place !== undefined && place > this.#passed) {
      this.#passed = place;
      for (const [wanted, resolve] of this.#waiting) {
        if (!this.#isPassed(wanted)) continue;
        this.#waiting.delete(wanted);
        resolve(undefined);
      }
    }
  }

  /** Whether a later file has come: then this one, which the loader skipped or found bad, will not. */
  #isPassed(file: string): boolean {
    return (this.#places?.get(file) ?? Infinity) < this.#passed;
  }

  #end(port: MessagePort): void {
    this.#ended = true;
    port.close();
    for (const resolve of this.#waiting.values()) resolve(undefined);
    this.#waiting.clear();
  }
}
