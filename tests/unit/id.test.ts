import { describe, expect, it } from 'vitest';
import { bucketOf, idFromPath, idFromPermalink, normalisePermalink } from '../../src/lib/kb/id.ts';
import { splitMentions } from '../../src/lib/kb/mentions.ts';
import { kbDateToIso, readableDate } from '../../src/lib/kb/dates.ts';
import { decodeByteMarkers } from '../../src/lib/kb/cp1252.ts';

describe('ids and permalinks', () => {
  it('pads numbers to six digits for the bucket', () => {
    expect(bucketOf(192493)).toBe('192');
    expect(bucketOf(10022)).toBe('010');
    expect(bucketOf(99001)).toBe('099');
  });
  it('accepts permalinks with or without the leading slash', () => {
    expect(normalisePermalink('kb/192/Q192493/')).toBe('/kb/192/Q192493/');
    expect(idFromPermalink('kb/192/Q192493/')).toBe('Q192493');
    expect(idFromPermalink('/kb/192/Q192493')).toBe('Q192493');
    expect(idFromPermalink('/about/')).toBeUndefined();
  });
  it('reads ids from both archive layouts', () => {
    expect(idFromPath('kb/192/Q192493/README.md')).toBe('Q192493');
    expect(idFromPath('kb/192/Q192493.md')).toBe('Q192493');
    expect(idFromPath('notes/readme.md')).toBeUndefined();
  });
});

describe('mentions', () => {
  it('splits text at article numbers, not inside words', () => {
    expect(splitMentions('see Q191014 and XQ123456 or Q12345x.')).toEqual([
      { text: 'see ' },
      { text: 'Q191014', id: 'Q191014' },
      { text: ' and XQ123456 or Q12345x.' },
    ]);
  });
});

describe('dates and bytes', () => {
  it('turns archive dates into ISO dates and rejects impossible days', () => {
    expect(kbDateToIso('22-APR-1999')).toBe('1999-04-22');
    expect(kbDateToIso('7-SEP-2001')).toBe('2001-09-07');
    expect(kbDateToIso('31-APR-1999')).toBeUndefined();
    // Worked out once and remembered: asking again gives the same answers.
    expect([kbDateToIso('22-APR-1999'), kbDateToIso('31-APR-1999')]).toEqual(['1999-04-22', undefined]);
  });
  it('shows ISO dates as pages do', () => {
    expect(readableDate('1999-04-22')).toBe('22 April 1999');
    expect(readableDate('2001-09-07')).toBe('7 September 2001');
  });
  it('decodes stray-byte markers as Windows-1252', () => {
    expect(decodeByteMarkers('don<92>t <B7> a<A0>b <41>')).toBe('don\u2019t \u00b7 a\u00a0b <41>');
  });
});
