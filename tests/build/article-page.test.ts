import { describe, expect, it } from 'vitest';
import { page } from './html.ts';

describe('article page', () => {
  const $ = page('/kb/192/Q192493/');

  it('has the title as its one h1', () => {
    expect($('h1')).toHaveLength(1);
    expect($('h1').text()).toBe("XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key");
    expect($('title').text()).toContain('Q192493');
  });

  it('has a metadata panel with a machine-readable date', () => {
    const meta = $('dl.meta');
    const row = (name: string) => meta.find('dt').filter((_, el) => $(el).text() === name).next('dd').text();
    expect(row('Products')).toBe('Microsoft Exchange');
    expect(row('Versions')).toBe('WinNT:5.5');
    expect(row('Keywords')).toBe('exc55sp2fix');
    expect(meta.find('time').attr('datetime')).toBe('1999-04-22');
  });

  it('anchors each section heading and lists them in a table of contents', () => {
    const ids = $('.article-body h2').map((_, el) => $(el).attr('id')).get();
    expect(ids).toEqual(['symptoms', 'cause', 'resolution', 'status']);
    expect($('nav.toc a').map((_, el) => $(el).attr('href')).get()).toEqual(['#symptoms', '#cause', '#resolution', '#status']);
  });

  it('shows the applies-to block as a list', () => {
    expect($('.applies-to li').text()).toContain('Microsoft Exchange Server, version 5.5');
  });

  it('keeps the file table preformatted, whitespace exact', () => {
    expect($('.article-body pre').text()).toContain('Srvrmax.exe   5.5.1960.8');
  });

  it('leaves a mention of an article the site lacks as plain text', () => {
    expect($('.article-body').text()).toContain('Q191014');
    expect($('.article-body a').filter((_, el) => $(el).text() === 'Q191014')).toHaveLength(0);
  });

  it('shows the legal notice once, in the footer, not in the article', () => {
    expect($('footer.site-footer .legal')).toHaveLength(1);
    expect($('body').text().match(/WITHOUT WARRANTY OF ANY KIND/gi)).toHaveLength(1);
    expect($('article').text()).not.toMatch(/warranty/i);
  });
});

describe('cross-references', () => {
  const $ = page('/kb/900/Q900001/');
  const hrefOf = (text: string) => $('.article-body a').filter((_, el) => $(el).text() === text).attr('href');

  it('links mentions of articles the site has', () => {
    expect(hrefOf('Q192493')).toBe('/kb/192/Q192493/');
    expect(hrefOf('Q10001')).toBe('/kb/010/Q10001/');
  });
  it('keeps mentions of articles it lacks as text', () => {
    expect(hrefOf('Q900002')).toBeUndefined();
    expect($('.article-body').text()).toContain('Q900002');
  });
});

describe('five-digit ids', () => {
  it('publish in the zero-padded bucket', () => {
    expect(page('/kb/010/Q10001/')('h1').text()).toBe('Five-Digit Article Numbers Sort Into Bucket 010');
  });
});

describe('escaping', () => {
  const $ = page('/kb/900/Q900004/');
  it('shows HTML in the title as text', () => {
    expect($('h1').text()).toBe("<script>alert('title')</script> Text That Looks Like HTML & Templates");
    expect($('title').text()).toContain("<script>alert('title')</script>");
  });
  it('never turns article text into elements', () => {
    // The only scripts are the page's own: its JSON-LD and the bundled copy-button module.
    const own = (el: Parameters<typeof $>[0]) => $(el).attr('type') === 'application/ld+json' || /^\/_astro\/[\w.-]+\.js$/.test($(el).attr('src') ?? '');
    expect($('script').filter((_, el) => !own(el))).toHaveLength(0);
    expect($('.article-body script, h1 *, dl.meta script, title *')).toHaveLength(0);
    expect($('img, iframe')).toHaveLength(0);
    expect($('b')).toHaveLength(0);
    expect($('[onerror]')).toHaveLength(0);
  });
  it('keeps template-like and HTML-like text visible', () => {
    const text = $('.article-body').text();
    for (const s of ['<img src=x onerror="alert(1)">', '<script>alert(2)</script>', '{{ template.values }}', '{% include header.html %}', '&amp;', '<% Response.Write("{{ not a template }}") %>', '</script>', '[a link](javascript:alert(4))']) {
      expect(text).toContain(s);
    }
    expect($('dl.meta').text()).toContain('<b>bold</b>');
  });
});

describe('stray bytes and CRLF', () => {
  const $ = page('/kb/900/Q900005/');
  it('decodes markers into the characters they stand for', () => {
    const text = $('.article-body').text();
    expect(text).toContain('don\u2019t');
    expect(text).toContain('\u00a7 there');
    expect(text).not.toMatch(/<[89A-F][0-9A-F]>/);
    expect($('h1').text()).toBe('Stray Bytes\u00a0and CRLF Line Ends');
  });
});
