/**
 * `<kb-number-lookup>`: opens an article from its number, or says plainly that
 * the archive does not have it and offers the nearest numbers. It reads the number
 * from the page address (404 page) or from its form (home page).
 */
import { lookupTarget, numberIn } from '../lib/kb/lookup.ts';
import { routes } from '../utils/base.ts';
import { notInArchive, numbersNear } from './archive-numbers.ts';

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
      // The address below the base: a base with digits in it (`/kb2024/`) names no article.
      const path = routes.sitePathOf(decodeURIComponent(location.pathname)) ?? '';
      const n = numberIn(path) ?? numberIn(location.search);
      if (n !== undefined) void this.open(n);
    }
  }

  async open(n: number) {
    const t = lookupTarget(n);
    this.#status.textContent = `Looking for ${t.id}…`;
    const { has, near } = await numbersNear(n);
    if (has) {
      location.replace(routes.article(t.id) + location.hash);
      return;
    }
    this.#status.replaceChildren(...notInArchive(n, near, true));
  }
}

customElements.define('kb-number-lookup', KbNumberLookup);
