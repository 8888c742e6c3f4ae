import { describe, expect, it } from 'vitest';
import { changedBuckets, DELTA_MIN, DELTA_SHARE, deltaFits, mergedFirsts, planDelta } from '../../src/lib/search/delta.ts';
import { GROUP_SLOTS, SLOT_WORDS, SlotMap } from '../../src/lib/search/layout.ts';

const base = { numbers: [10, 20, 30, 40], hashes: ['a', 'b', 'c', 'd'] };

describe('planDelta', () => {
  it('puts added and changed articles in the delta and hides changed and deleted base ones', () => {
    const plan = planDelta(base, [
      { number: 10, hash: 'a' },
      { number: 20, hash: 'B' },
      { number: 25, hash: 'x' },
      { number: 40, hash: 'd' },
    ]);
    expect(plan).toEqual({ changed: [1, 2], hidden: [1, 2] });
  });

  it('is empty when nothing changed', () => {
    expect(planDelta(base, base.numbers.map((number, i) => ({ number, hash: base.hashes[i]! })))).toEqual({ changed: [], hidden: [] });
  });
});

describe('deltaFits', () => {
  it('allows DELTA_MIN changes on a small base and DELTA_SHARE of a large one', () => {
    const plan = (n: number) => ({ changed: Array.from({ length: n }, (_, i) => i), hidden: [] });
    expect(deltaFits(plan(DELTA_MIN), 10)).toBe(true);
    expect(deltaFits(plan(DELTA_MIN + 1), 10)).toBe(false);
    const large = 100_000;
    expect(deltaFits(plan(DELTA_SHARE * large), large)).toBe(true);
    expect(deltaFits(plan(DELTA_SHARE * large + 1), large)).toBe(false);
  });

  it('counts hidden base articles too', () => {
    expect(deltaFits({ changed: [], hidden: Array.from({ length: DELTA_MIN + 1 }, (_, i) => i) }, 10)).toBe(false);
  });
});

describe('changedBuckets', () => {
  const buckets: [string, number][] = [['000', 2], ['001', 2]];
  const numbers = [10, 20, 1010, 1020];

  it('keeps the base list of a bucket that lost or gained an article', () => {
    const current = [
      { number: 10, bucket: '000' },
      { number: 20, bucket: '000' },
      { number: 1010, bucket: '001' },
      { number: 1015, bucket: '001' },
      { number: 1020, bucket: '001' },
    ];
    expect(changedBuckets(buckets, numbers, current)).toEqual({ '001': [1010, 1020] });
    expect(changedBuckets(buckets, numbers, current.filter((c) => c.number !== 20 && c.number !== 1015))).toEqual({ '000': [10, 20] });
  });

  it('names no bucket when an article changed in place or one came in a new bucket', () => {
    const current = numbers.map((number, i) => ({ number, bucket: buckets[i < 2 ? 0 : 1]![0] }));
    expect(changedBuckets(buckets, numbers, [...current, { number: 9000, bucket: '009' }])).toEqual({});
  });
});

describe('a base and its delta in one slot map', () => {
  it('locates positions in delta records at the articles after the base', () => {
    // Three base articles, two of them filling a record; then two delta articles in a record of their own.
    const baseSlots = [GROUP_SLOTS / 2, GROUP_SLOTS / 2, 1];
    const deltaSlots = [1, 2];
    const firsts = mergedFirsts(baseSlots, deltaSlots);
    expect(firsts).toEqual([0, 2, 3]);
    const map = new SlotMap([...baseSlots, ...deltaSlots], firsts);
    expect(map.recordOf(2)).toBe(1);
    expect(map.recordOf(3)).toBe(2);
    expect(map.recordOf(4)).toBe(2);
    // The delta record's second article begins one slot in.
    expect(map.locate(2, SLOT_WORDS + 5)).toEqual({ article: 4, local: 5 });
    expect(map.locate(2, 3)).toEqual({ article: 3, local: 3 });
  });
});
