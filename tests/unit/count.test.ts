import { describe, expect, it } from 'vitest';
import { countOf } from '../../src/lib/count.ts';

describe('countOf', () => {
  it('gives one its noun and other counts the plural, with thousands separated', () => {
    expect(countOf(1, 'article')).toBe('1 article');
    expect(countOf(0, 'article')).toBe('0 articles');
    expect(countOf(57316, 'article')).toBe('57,316 articles');
    expect(countOf(2, 'index', 'indexes')).toBe('2 indexes');
  });
});
