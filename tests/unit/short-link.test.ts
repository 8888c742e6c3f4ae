import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { html } from '../../src/lib/output/html.ts';
import { shortLinkPage } from '../../src/lib/output/short-link.ts';
import { createRoutes } from '../../src/lib/routes.ts';

const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)> & 'quoted' &amp;`;

describe('the html template', () => {
  it('keeps every value text, in an element or an attribute', () => {
    const $ = load(html`<p title="${hostile}">${hostile}</p><a href='${hostile}'>x</a>`);
    expect($('p').attr('title')).toBe(hostile);
    expect($('p').text()).toBe(hostile);
    expect($('a').attr('href')).toBe(hostile);
    expect($('script, img')).toHaveLength(0);
    expect(html`a${'b'}c${''}d`).toBe('abcd');
  });
});

describe('short-link pages', () => {
  it('forward to the article and preview with its own title and summary, all as text', () => {
    const site = { origin: 'https://kb.example', title: `Team ${hostile}`, routes: createRoutes('/support/'), productsOf: () => [] };
    const $ = load(shortLinkPage({ id: 'Q192493', title: hostile, summary: `Summary ${hostile}` }, site));
    const title = `Q192493: ${hostile}`;
    expect($('title').text()).toBe(title);
    expect($('link[rel=canonical]').attr('href')).toBe('https://kb.example/support/kb/192/Q192493/');
    expect($('meta[http-equiv=refresh]').attr('content')).toBe('0; url=/support/kb/192/Q192493/');
    expect($('meta[name=robots]').attr('content')).toBe('noindex');
    expect($('meta[name=description]').attr('content')).toBe(`Summary ${hostile}`);
    expect($('meta[property="og:site_name"]').attr('content')).toBe(`Team ${hostile}`);
    expect($('meta[property="og:title"]').attr('content')).toBe(title);
    expect($('meta[property="og:description"]').attr('content')).toBe(`Summary ${hostile}`);
    expect($('meta[property="og:url"]').attr('content')).toBe('https://kb.example/support/kb/192/Q192493/');
    expect($('body a').attr('href')).toBe('/support/kb/192/Q192493/');
    expect($('body a').text()).toBe(title);
    expect($('head > *').toArray().map((e) => e.tagName)).toEqual(['meta', 'title', 'link', 'meta', 'meta', 'meta', 'meta', 'meta', 'meta', 'meta']);
    expect($('script, img')).toHaveLength(0);
  });
});
