/**
 * `<kb-number-lookup>`: opens an article from its number, or says plainly that
 * the archive does not have it and offers the nearest numbers. It reads the number
 * from the page address (404 page) or from its form (home page).
 */
import { lookupTarget, nearestNumbers, numberIn } from '../lib/kb/lookup.ts';

async function json<T>(url: string): Promise<T | undefined> {
  const res = await fetch(url);
  return res.ok ? ((await res.json()) as T) : undefined;
}

/** The numbers the archive has near `n`: from its bucket, or the neighbouring buckets when it has none. */
async function numbersNear(n: number): Promise<{ has: boolean; near: number[] }> {
  const t = lookupTarget(n);
  const own = await json<number[]>(`/kb/${t.bucket}/numbers.json`);
  if (own) return { has: own.includes(n), near: nearestNumbers(own, n) };
  const buckets = (await json<string[]>('/kb/buckets.json')) ?? [];
  const before = buckets.filter((b) => b < t.bucket).at(-1);
  const after = buckets.find((b) => b > t.bucket);
  const lists = await Promise.all([before, after].map((b) => (b ? json<number[]>(`/kb/${b}/numbers.json`) : undefined)));
  return { has: false, near: nearestNumbers([...(lists[0] ?? []), ...(lists[1] ?? [])], n) };
}

class KbNumberLookup extends HTMLElement {
  #status!: HTMLElement;

  connectedCallback() {
    this.#status = this.querySelector('[data-status]') ?? this.appendChild(document.createElement('div'));
    const form = this.querySelector('form');
    form?.addEventListener('submit', (event) => {
      const n = numberIn(new FormData(form).get('n')?.toString() ?? '');
      if (n === undefined) return;
      event.preventDefault();
      void this.open(n);
    });
    if (this.dataset.from === 'location') {
      const n = numberIn(decodeURIComponent(location.pathname)) ?? numberIn(location.search);
      if (n !== undefined) void this.open(n);
    }
  }

  async open(n: number) {
    const t = lookupTarget(n);
    this.#status.textContent = `Looking for ${t.id}…`;
    const { has, near } = await numbersNear(n);
    if (has) {
      location.replace(t.permalink + location.hash);
      return;
    }
    const p = document.createElement('p');
    p.textContent = `${t.id} is not in this archive.`;
    const parts: Node[] = [p];
    if (near.length > 0) {
      const intro = document.createElement('p');
      intro.textContent = 'The nearest numbers it has:';
      const ul = document.createElement('ul');
      for (const m of near) {
        const a = document.createElement('a');
        const target = lookupTarget(m);
        a.href = target.permalink;
        a.textContent = target.id;
        ul.appendChild(document.createElement('li')).appendChild(a);
      }
      parts.push(intro, ul);
    }
    this.#status.replaceChildren(...parts);
  }
}

customElements.define('kb-number-lookup', KbNumberLookup);
