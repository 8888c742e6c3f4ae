/** Loads a built page as a cheerio document, for assertions on real output. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { fixtureSiteDir } from './astro.ts';

export function page(urlPath: string, siteDir = fixtureSiteDir): CheerioAPI {
  const file = path.join(siteDir, urlPath, urlPath.endsWith('/') ? 'index.html' : '');
  return load(readFileSync(file, 'utf8'));
}
