/**
 * A unified parser plugin: the text of an article body in, mdast out.
 * A thin adapter over the framework-free parser in src/lib/kb: all decisions
 * about what is a heading, a list or code live there; this only maps blocks
 * to mdast nodes and article mentions (`Q191014`) to links.
 */
import type { ElementContent } from 'hast';
import type { BlockContent, Link, List, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Plugin } from 'unified';
import { parseBody } from '../lib/kb/body.ts';
import { splitMentions } from '../lib/kb/mentions.ts';
import type { Block } from '../lib/kb/types.ts';

export interface RemarkKbArticleOptions {
  /** The page URL of an article the site has, or undefined to leave the mention as text. */
  hrefFor: (id: string) => string | undefined;
}

declare module 'vfile' {
  interface DataMap {
    /** The blocks the body parsed into. */
    kbBlocks: Block[];
    /** Why the body parser failed, when it did (the body is then one plain-text block). */
    kbFallback: string;
  }
}

declare module 'mdast' {
  /** The "applies to" box: an intro sentence and a list, rendered as a labelled section. */
  interface KbAppliesTo extends Parent {
    type: 'kbAppliesTo';
    children: (Paragraph | List)[];
  }
  /** A section heading with its self-link; its hast is given whole. */
  interface KbHeading extends Node {
    type: 'kbHeading';
  }
  interface RootContentMap {
    kbAppliesTo: KbAppliesTo;
    kbHeading: KbHeading;
  }
}

/** Maps parsed blocks to an mdast tree. */
function blocksToMdast(blocks: readonly Block[], { hrefFor }: RemarkKbArticleOptions): Root {

  const inline = (text: string): PhrasingContent[] =>
    splitMentions(text).map((part): Text | Link => {
      const href = part.id === undefined ? undefined : hrefFor(part.id);
      return href === undefined
        ? { type: 'text', value: part.text }
        : { type: 'link', url: href, children: [{ type: 'text', value: part.text }] };
    });
  const hastInline = (text: string): ElementContent[] =>
    splitMentions(text).map((part): ElementContent => {
      const href = part.id === undefined ? undefined : hrefFor(part.id);
      return href === undefined
        ? { type: 'text', value: part.text }
        : { type: 'element', tagName: 'a', properties: { href }, children: [{ type: 'text', value: part.text }] };
    });
  const paragraph = (text: string): Paragraph => ({ type: 'paragraph', children: inline(text) });
  const list = (ordered: boolean, items: string[]): List => ({
    type: 'list',
    ordered,
    spread: false,
    children: items.map((item) => ({ type: 'listItem', spread: false, children: [paragraph(item)] })),
  });

  const toNode = (block: Block): RootContent => {
    switch (block.type) {
      case 'heading':
        // Starlight's pattern: the h2 and a visible link to itself, side by side in a wrapper.
        return {
          type: 'kbHeading',
          data: {
            hName: 'div',
            hProperties: { className: ['heading'] },
            hChildren: [
              { type: 'element', tagName: `h${block.level}`, properties: { id: block.slug }, children: [{ type: 'text', value: block.text }] },
              {
                type: 'element',
                tagName: 'a',
                properties: { className: ['anchor'], href: `#${block.slug}` },
                children: [
                  { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [{ type: 'text', value: '#' }] },
                  { type: 'element', tagName: 'span', properties: { className: ['sr-only'] }, children: [{ type: 'text', value: `Link to section ${block.text}` }] },
                ],
              },
            ],
          },
        };
      case 'paragraph':
        return paragraph(block.text);
      case 'list':
        return list(block.ordered, block.items);
      case 'appliesTo':
        return {
          type: 'kbAppliesTo',
          children: [paragraph(block.intro), list(false, block.items)],
          data: { hName: 'section', hProperties: { className: ['applies-to'], ariaLabel: 'Applies to' } },
        };
      case 'pre':
        // A code node cannot hold links, so the children of its `<code>` are given as hast.
        return { type: 'code', value: block.text, data: { hChildren: hastInline(block.text) } };
    }
  };

  return { type: 'root', children: blocks.map(toNode) as BlockContent[] };
}

/**
 * The unified parser plugin: body text in, mdast out (or blocks parsed earlier,
 * given as `file.data.kbBlocks`, in). The parsed blocks are also
 * left on `file.data.kbBlocks`, so callers get headings and summary without a second parse,
 * and a parser failure on `file.data.kbFallback`.
 */
const remarkKbArticle: Plugin<[RemarkKbArticleOptions], string, Root> = function (options) {
  this.parser = (doc, file) => {
    // Blocks this build has parsed already (the loader's, parsed-bodies.ts) come as the file's data.
    if (!file.data.kbBlocks) {
      const { blocks, fallback } = parseBody(doc.split('\n'));
      file.data.kbBlocks = blocks;
      if (fallback) file.data.kbFallback = fallback;
    }
    return blocksToMdast(file.data.kbBlocks, options);
  };
};

export default remarkKbArticle;
