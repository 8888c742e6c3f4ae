/**
 * Fixture runner: each folder of tests/fixtures/parser holds an article
 * (`input.md`, front matter and all) and what parseArticle makes of it
 * (`expected.json`). `UPDATE_FIXTURES=1` rewrites the expected files; review
 * every change by eye before keeping it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/lib/kb/article.ts';
import { parseArticleBody, parseArticleSource } from '../../src/lib/kb/source.ts';
import { compareWords } from '../../src/lib/kb/body/words.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/parser');
const update = process.env.UPDATE_FIXTURES === '1';
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('parser fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = path.join(FIXTURES, name);
      const raw = readFileSync(path.join(dir, 'input.md'), 'utf8');
      const file = `${name}/input.md`;
      const actual = parseArticle(raw, file);
      const json = `${JSON.stringify(actual, null, 2)}\n`;
      const expectedFile = path.join(dir, 'expected.json');
      if (update) writeFileSync(expectedFile, json);
      expect(existsSync(expectedFile), `${expectedFile} is missing: run with UPDATE_FIXTURES=1 and review it`).toBe(true);
      expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
      // Whatever the expectation says, the parser's promise holds: no word lost, added or moved.
      const { bodyLines } = parseArticleSource(raw, file);
      expect(compareWords(bodyLines, actual.blocks)).toBeUndefined();
      // A page reads the body alone: the same lines.
      expect(parseArticleBody(raw, file)).toEqual(bodyLines);
    });
  }
});
