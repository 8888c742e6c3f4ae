/** The body parser's heuristics, one at a time, and its limits (size, speed, odd input). */
import { describe, expect, it } from 'vitest';
import { parseBody } from '../../src/lib/kb/body.ts';
import { compareWords } from '../../src/lib/kb/body/words.ts';
import type { Block } from '../../src/lib/kb/types.ts';

/** Body lines from a template literal: one leading newline and the trailing one dropped. */
const body = (text: string): string[] => text.replace(/^\n/, '').replace(/\n$/, '').split('\n');

/** Parses and checks the promises every result must keep: no parser failure, the same words, in order. */
function parse(lines: readonly string[]): Block[] {
  const { blocks, fallback } = parseBody(lines);
  expect(fallback).toBeUndefined();
  expect(compareWords(lines, blocks)).toBeUndefined();
  return blocks;
}

const BOX_RULE = '-'.repeat(79);

describe('headings', () => {
  it('makes a heading of an underlined line, with a unique slug per article', () => {
    const blocks = parse(body(`
SYMPTOMS
========

Text.

MORE INFORMATION
================

SYMPTOMS
========
`));
    expect(blocks).toEqual([
      { type: 'heading', level: 2, text: 'SYMPTOMS', slug: 'symptoms' },
      { type: 'paragraph', text: 'Text.' },
      { type: 'heading', level: 2, text: 'MORE INFORMATION', slug: 'more-information' },
      { type: 'heading', level: 2, text: 'SYMPTOMS', slug: 'symptoms-1' },
    ]);
  });

  it('starts slugs afresh for every article', () => {
    const lines = body(`
CAUSE
=====
`);
    expect(parse(lines)[0]).toMatchObject({ slug: 'cause' });
    expect(parse(lines)[0]).toMatchObject({ slug: 'cause' });
  });

  it('makes a subsection heading of a column-0 line underlined with dashes, and of one over- and underlined with dashes', () => {
    expect(parse(body(`
Sample Code
-----------

------------------------
HOW TO USE THIS DOCUMENT
------------------------
`))).toEqual([
      { type: 'heading', level: 3, text: 'Sample Code', slug: 'sample-code' },
      { type: 'heading', level: 3, text: 'HOW TO USE THIS DOCUMENT', slug: 'how-to-use-this-document' },
    ]);
  });

  it('never makes headings of code lines that look like them but are not underlined', () => {
    const blocks = parse(body(`
CLS
PRINT "Hello"
END

ENDIF
`));
    expect(blocks).toEqual([{ type: 'pre', text: 'CLS\nPRINT "Hello"\nEND\n\nENDIF' }]);
  });

  it('does not take a table header or the last line of a paragraph for a heading', () => {
    const blocks = parse(body(`
Name          Value
-------------------
Timeout       30

This line ends a paragraph that is followed directly by a rule of equals
signs.
======================================================================
`));
    expect(blocks.map((b) => b.type)).not.toContain('heading');
    expect(blocks[0]).toEqual({ type: 'pre', text: 'Name          Value\n-------------------\nTimeout       30' });
  });
});

describe('the applies-to box', () => {
  it('keeps the intro and the items, nested ones flattened and wrapped ones re-flowed', () => {
    expect(parse(body(`
${BOX_RULE}
The information in this article applies to:

- Microsoft Visual C++, 32-bit Editions, version 5.0, on platform(s):
   - the hardware: DEC Alpha 
- A product whose name is long enough that it
  wraps onto a second line 
${BOX_RULE}
`))).toEqual([
      {
        type: 'appliesTo',
        intro: 'The information in this article applies to:',
        items: [
          'Microsoft Visual C++, 32-bit Editions, version 5.0, on platform(s):',
          'the hardware: DEC Alpha',
          'A product whose name is long enough that it wraps onto a second line',
        ],
      },
    ]);
  });

  it('leaves an irregular box to the ordinary rules', () => {
    const blocks = parse(body(`
${BOX_RULE}
The information in this article applies to:

- The AppWizard

as they apply to:

- Microsoft Visual C++, version 4.0
${BOX_RULE}
`));
    expect(blocks.map((b) => b.type)).not.toContain('appliesTo');
  });
});

describe('paragraphs', () => {
  it('re-flows wrapped prose with single spaces', () => {
    expect(parse(body(`
The information store stops unexpectedly and you are not able to restart it.
An error message similar to the following may be displayed when you attempt
to restart the information store.
`))).toEqual([
      {
        type: 'paragraph',
        text:
          'The information store stops unexpectedly and you are not able to restart it. An error message similar ' +
          'to the following may be displayed when you attempt to restart the information store.',
      },
    ]);
  });

  it('keeps a wrapped number inside the sentence (`Windows\\n95.`), not a list', () => {
    const blocks = parse(body(`
The utility requires the Msvcrt.dll file that is installed with Windows
95. (The file must be installed in the System folder before you start.)
`));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.type).toBe('paragraph');
  });

  it('keeps indented text verbatim in pre, whitespace and all', () => {
    const lines = ['Use the following command:', '', '   copy  a.txt   b.txt ', '\tdel a.txt', '', '  Q191014 XGEN: How to Obtain the Service Pack'];
    expect(parse(lines)).toEqual([
      { type: 'paragraph', text: 'Use the following command:' },
      { type: 'pre', text: '   copy  a.txt   b.txt \n\tdel a.txt\n\n  Q191014 XGEN: How to Obtain the Service Pack' },
    ]);
  });

  it('keeps code that starts at column 0 in pre (C, BASIC, assignments)', () => {
    const c = body(`
#include <stdio.h>

void main( void )
{
    printf( "hello\\n" );
}
`);
    expect(parse(c)).toEqual([{ type: 'pre', text: c.join('\n') }]);
    const basic = body(`
irreturn = IRR(valuearray(), valuecount%, guess, status%)
IF status% THEN PRINT "IRR error occurred; try different guess";
`);
    expect(parse(basic)).toEqual([{ type: 'pre', text: basic.join('\n') }]);
    expect(parse(['FILE * stream;'])).toEqual([{ type: 'pre', text: 'FILE * stream;' }]);
  });

  it('keeps column-aligned text at column 0 in pre', () => {
    const lines = ['ARIAL    TT_        45,505 11-01-93   3:11a', 'ARIALBI  TT_        49,996 11-01-93   3:11a'];
    expect(parse(lines)).toEqual([{ type: 'pre', text: lines.join('\n') }]);
  });

  it('joins a lone short line between two listings to them', () => {
    expect(parse(['  x = 1', '', 'WINDOWS', '', '  y = 2'])).toEqual([{ type: 'pre', text: '  x = 1\n\nWINDOWS\n\n  y = 2' }]);
  });

  it('does not mistake template-looking prose for code', () => {
    const blocks = parse(['Text such as {{ user }} or {% include %} and IF <condition> THEN is shown', 'as is, & so is <script>.']);
    expect(blocks).toEqual([
      { type: 'paragraph', text: 'Text such as {{ user }} or {% include %} and IF <condition> THEN is shown as is, & so is <script>.' },
    ]);
  });
});

describe('lists', () => {
  it('makes a bullet list, items re-flowed from their indented continuation lines', () => {
    expect(parse(body(`
- You are trying to import a Security Certificate that is not in the correct
  format.
- The file is damaged.
`))).toEqual([
      {
        type: 'list',
        ordered: false,
        items: ['You are trying to import a Security Certificate that is not in the correct format.', 'The file is damaged.'],
      },
    ]);
  });

  it('makes an ordered list of steps numbered 1..n, blank lines between them or not', () => {
    expect(parse(body(`
To do this:

1. Click Start, point to Settings, and then click Control Panel. Double-click
   Network.

2) Oops, another delimiter.
`))).toEqual([
      { type: 'paragraph', text: 'To do this:' },
      { type: 'list', ordered: true, items: ['Click Start, point to Settings, and then click Control Panel. Double-click Network.'] },
      { type: 'paragraph', text: '2) Oops, another delimiter.' },
    ]);
    expect(parse(['1. One.', '2. Two.', '3. Three.'])).toEqual([{ type: 'list', ordered: true, items: ['One.', 'Two.', 'Three.'] }]);
  });

  it('keeps the numbers when a list cannot show them (interrupted, or not starting at 1)', () => {
    expect(parse(body(`
1. Type the following command:

      dir /s

2. Press ENTER.
`))).toEqual([
      { type: 'paragraph', text: '1. Type the following command:' },
      { type: 'pre', text: '      dir /s' },
      { type: 'paragraph', text: '2. Press ENTER.' },
    ]);
    expect(parse(['4. Four.', '5. Five.'])).toEqual([
      { type: 'paragraph', text: '4. Four.' },
      { type: 'paragraph', text: '5. Five.' },
    ]);
  });

  it('does not make a list of FoxPro comments', () => {
    const lines = ['* Open the customer table', 'USE customer', 'BROWSE'];
    expect(parse(lines)).toEqual([{ type: 'pre', text: lines.join('\n') }]);
  });
});

describe('limits', () => {
  it('returns nothing for an empty or blank body', () => {
    expect(parseBody([])).toEqual({ blocks: [] });
    expect(parseBody(['', '   ', '\t'])).toEqual({ blocks: [] });
  });

  it('never throws, whatever the lines', () => {
    const odd = [
      ['===='],
      ['----', '----'],
      ['-', '*', 'o', '1.', 'a)'],
      [BOX_RULE, 'The information in this article applies to:'],
      [BOX_RULE, 'The information in this article applies to:', BOX_RULE],
      ['\u0000\uFFFD\u2028', '\r', '= = ='],
      ['x'.repeat(10), '='.repeat(10), '-'.repeat(10), '='.repeat(10)],
    ];
    for (const lines of odd) expect(() => parse(lines)).not.toThrow();
  });

  it('keeps every word of random bodies (seeded)', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = [
      '', '', 'SYMPTOMS', '========', '--------', 'Sample Code', '-----------', BOX_RULE,
      'The information in this article applies to:', '- Microsoft Word', '   - the hardware: x86',
      '1. Click OK.', '2. Click Cancel.', '3) Done', 'a. Letter item', '* Star item', 'o Oh item',
      '  indented text', '      deeper code();', 'END', 'CLS', 'IF x THEN', '#include <x.h>', '{', '}',
      'x = 1', 'The quick brown fox jumps over the lazy dog and keeps on running far away', 'into the woods.',
      'Short line:', 'Col1      Col2', '\tTabbed', '95. wrapped number', '<A0> stray', '{{ x }} {% y %}',
    ];
    for (let run = 0; run < 300; run++) {
      const lines = Array.from({ length: 1 + rand(40) }, () => pieces[rand(pieces.length)]!);
      expect(() => parse(lines)).not.toThrow();
    }
  });

  // No time is asserted (tests never assert wall-clock times); a parser gone quadratic
  // would not finish these inputs within the generous timeout given below.
  it('parses a very long line and a 2 MB article, keeping every word', () => {
    const long = Array.from({ length: 12_500 }, (_, i) => `word${i}`).join(' ') + ' ='.repeat(100) + ' {';
    expect(long.length).toBeGreaterThan(100_000);
    parse([long, '', `  ${long}`, long.replace(/ /g, '   ')]);

    const article: string[] = [];
    let n = 0;
    while (n < 2_000_000) {
      const chunk = body(`
SECTION ${article.length}
==========

The parser must keep every word of this paragraph, which is wrapped at about
seventy-five columns like the articles of the archive, in the same order.

1. First step of a procedure that continues on the next line and then
   ends here.
2. Second step.

  code(line) = indented; // kept verbatim
  IF <condition> THEN END

- A bullet
`);
      article.push(...chunk, '');
      n += chunk.join('\n').length;
    }
    const blocks = parse(article);
    expect(blocks.filter((b) => b.type === 'heading').length).toBeGreaterThan(1000);
  }, 60_000);
});

describe('a parser failure', () => {
  const failing = () => {
    throw new RangeError('unexpected line');
  };

  it('keeps the body as one plain-text block and says why, instead of hiding it', () => {
    const { blocks, fallback } = parseBody(['', 'SUMMARY', '=======', '', 'Text <b>.', ''], failing);
    expect(blocks).toEqual([{ type: 'pre', text: 'SUMMARY\n=======\n\nText <b>.' }]);
    expect(fallback).toBe('the body parser failed (unexpected line), so the body is shown as plain text');
  });

  it('is never reported for a body the parser reads', () => {
    expect(parseBody(['SUMMARY', '=======', '', 'Text.']).fallback).toBeUndefined();
  });
});
