import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureSiteDir } from './astro.ts';
import { page } from './html.ts';

const file = (p: string) => readFileSync(path.join(fixtureSiteDir, p), 'utf8');
const hrefs = ($: ReturnType<typeof page>, sel: string) => $(sel).map((_, el) => $(el).attr('href')).get();

describe('home page', () => {
  const $ = page('/');
  it('says what the archive holds and links the ways in', () => {
    const text = $('main').text();
    expect(text).toContain('7 articles');
    expect(text).toMatch(/Q10001.*Q900006/s);
    expect(hrefs($, 'main a')).toEqual(expect.arrayContaining(['/kb/', '/id/', '/kb/010/Q10001/', '/kb/900/Q900006/']));
    expect($('form[action="/lookup/"] input[name="n"]')).toHaveLength(1);
  });
});

describe('browse by number', () => {
  it('lists every bucket with its count and range', () => {
    const rows = page('/kb/')('tbody tr').map((_, tr) => page('/kb/')(tr).text()).get();
    expect(rows).toEqual(['010xxx1Q10001Q10001', '192xxx1Q192493Q192493', '900xxx5Q900001Q900006']);
  });
  it('lists a bucket in number order with id, title, product and date, and links its neighbours', () => {
    const $ = page('/kb/900/');
    expect(hrefs($, 'tbody tr td:first-child a')).toEqual(['/kb/900/Q900001/', '/kb/900/Q900003/', '/kb/900/Q900004/', '/kb/900/Q900005/', '/kb/900/Q900006/']);
    expect($('tbody tr').first().text()).toContain('Print Spooler Stops');
    expect($('tbody tr').first().find('time').attr('datetime')).toBe('2000-03-03');
    expect(hrefs($, 'nav.pager a[rel=prev]')).toEqual(['/kb/192/']);
    expect(hrefs(page('/kb/010/'), 'nav.pager a[rel=next]')).toEqual(['/kb/192/']);
    // One article is one, not "1 articles".
    expect(page('/kb/010/')('main p').first().text()).toBe('1 article, Q10001 to Q10001.');
    expect(page('/kb/900/')('main p').first().text()).toBe('5 articles, Q900001 to Q900006.');
  });
  it('shows a title that looks like markup as text in listings and pager links', () => {
    const hostile = "<script>alert('title')</script> Text That Looks Like HTML & Templates";
    for (const [p, sel] of [['/kb/900/', 'tbody'], ['/id/iis/', 'tbody'], ['/kb/900/Q900005/', 'nav.pager']] as const) {
      const $ = page(p);
      expect($(sel).text(), p).toContain(hostile);
      expect($(`${sel} script`), p).toHaveLength(0);
    }
  });
  it('gives every article breadcrumbs and its previous and next article', () => {
    const $ = page('/kb/900/Q900001/');
    expect($('nav.breadcrumbs li').map((_, li) => $(li).text()).get()).toEqual(['Home', 'KB', '900', 'Q900001']);
    expect(hrefs($, 'nav.breadcrumbs a')).toEqual(['/', '/kb/', '/kb/900/']);
    expect(hrefs($, 'nav.pager a[rel=prev]')).toEqual(['/kb/192/Q192493/']);
    expect(hrefs($, 'nav.pager a[rel=next]')).toEqual(['/kb/900/Q900003/']);
  });
});

describe('browse by product', () => {
  it('lists every product with its count, under the archive site codes', () => {
    const $ = page('/id/');
    expect(hrefs($, 'tbody a')).toContain('/id/winnt/');
    const mspl = $('tbody tr').filter((_, tr) => $(tr).find('a').attr('href') === '/id/mspl13_c/');
    expect(mspl.text()).toContain("Microsoft Programmer's Library 1.3: C");
  });
  it('files `See article` articles under their keyword-tail code', () => {
    expect(hrefs(page('/id/mspl13_c/'), 'tbody a')).toEqual(['/kb/900/Q900003/']);
    expect(hrefs(page('/kb/900/Q900003/'), 'dl.meta a')).toEqual(['/id/mspl13_c/']);
  });
  it('lists a product in number order', () => {
    expect(hrefs(page('/id/winnt/'), 'tbody a')).toEqual(['/kb/900/Q900001/']);
  });
});

describe('links for tickets', () => {
  it('serves the short link as a static page that forwards to the article', () => {
    const $ = page('/Q192493/');
    expect($('meta[http-equiv=refresh]').attr('content')).toBe('0; url=/kb/192/Q192493/');
    expect($('link[rel=canonical]').attr('href')).toBe('http://localhost:4321/kb/192/Q192493/');
    expect($('a').attr('href')).toBe('/kb/192/Q192493/');
  });
  it('writes redirect rules for the typed forms', () => {
    const rules = file('_redirects').split('\n');
    expect(rules).toEqual(expect.arrayContaining(['/q192493 /kb/192/Q192493/ 301', '/kb/192493 /kb/192/Q192493/ 301', '/kb/Q192493 /kb/192/Q192493/ 301']));
  });
  it('gives every section heading a visible link to itself', () => {
    const $ = page('/kb/192/Q192493/');
    expect(hrefs($, '.article-body .heading a.anchor')).toEqual(['#symptoms', '#cause', '#resolution', '#status']);
  });
  it('offers copy buttons over a plain permalink and citation', () => {
    const $ = page('/kb/192/Q192493/');
    expect($('kb-copy').attr('data-markdown')).toBe("[Q192493: XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key](http://localhost:4321/kb/192/Q192493/)");
    expect($('.share details code').first().text()).toBe($('kb-copy').attr('data-markdown'));
    expect($('script[type=module][src]')).toHaveLength(1);
  });
  it('has preview metadata: canonical, Open Graph, Twitter card, JSON-LD', () => {
    const $ = page('/kb/192/Q192493/');
    expect($('link[rel=canonical]').attr('href')).toBe('http://localhost:4321/kb/192/Q192493/');
    expect($('meta[property="og:title"]').attr('content')).toBe("Q192493: XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key");
    const description = $('meta[property="og:description"]').attr('content');
    expect(description).toMatch(/^If Exchange Server is installed in a cluster environment, during failover the following event is entered in the system log:/);
    expect($('meta[name="twitter:card"]').attr('content')).toBe('summary');
    expect($('meta[name="twitter:description"]').attr('content')).toBe(description);
    const ld = JSON.parse($('script[type="application/ld+json"]').text());
    expect(ld).toMatchObject({ '@type': 'TechArticle', identifier: 'Q192493', dateModified: '1999-04-22' });
  });
  it('keeps a `</script>` in a title inside the JSON-LD string', () => {
    const $ = page('/kb/900/Q900004/');
    expect(JSON.parse($('script[type="application/ld+json"]').text()).headline).toContain('</script>');
    expect($('script')).toHaveLength(2);
  });
  it('publishes a JSON document per article', () => {
    const doc = JSON.parse(file('kb/192/Q192493.json'));
    expect(doc).toMatchObject({
      id: 'Q192493',
      title: "XADM: Setup Doesn't Add Permission to MSExchangeES Registry Key",
      url: 'http://localhost:4321/kb/192/Q192493/',
      products: [{ code: 'exchange', name: 'Microsoft Exchange' }],
      versions: ['WinNT:5.5'],
      lastModified: '1999-04-22',
      sections: [
        { id: 'symptoms', title: 'SYMPTOMS' },
        { id: 'cause', title: 'CAUSE' },
        { id: 'resolution', title: 'RESOLUTION' },
        { id: 'status', title: 'STATUS' },
      ],
    });
    expect(doc.summary).toMatch(/^If Exchange Server is installed/);
    // The body as plain text, one space between words: headings, prose and code alike.
    expect(doc.text).toMatch(/^The information in this article applies to:/);
    expect(doc.text).toContain(' SYMPTOMS If Exchange Server is installed');
    expect(doc.text).not.toMatch(/\s\s|\n/);
    expect(doc.text).toContain('HKEY_LOCAL_MACHINE');
  });
  it('lists the articles that cite an article', () => {
    const $ = page('/kb/192/Q192493/');
    expect(hrefs($, '.cited-by a')).toEqual(['/kb/900/Q900001/', '/kb/900/Q900006/']);
  });
  it('has a sitemap and robots.txt', () => {
    expect(file('robots.txt')).toContain('Sitemap: http://localhost:4321/sitemap-index.xml');
    expect(file('sitemap.xml')).toBe(file('sitemap-index.xml'));
    expect(file('sitemap.xml')).toContain('<loc>http://localhost:4321/sitemap-0.xml</loc>');
    const urls = file('sitemap-0.xml');
    expect(urls).toContain('<loc>http://localhost:4321/kb/192/Q192493/</loc>');
    expect(urls).not.toContain('/lookup/');
  });
  it('has a 404 page with the number lookup', () => {
    const $ = page('/404.html');
    expect($('kb-number-lookup[data-from=location]')).toHaveLength(1);
  });
});
