/**
 * A unified parser plugin: the text of an article body in, mdast out.
 * A thin adapter over the framework-free parser in src/lib/kb: all decisions
 * about what is a heading, a list or code live there; this only maps blocks
 * to mdast nodes and article mentions (`Q191014`) to links.
 */
import type { ElementContent } from 'hast';
import type { BlockContent, Heading, Link, List, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Processor } from 'unified';
import { parseBody } from '../lib/kb/body.ts';
import { splitMentions } from '../lib/kb/mentions.ts';
import type { Block } from '../lib/kb/types.ts';

export interface RemarkKbArticleOptions {
  /** The page URL of an article the site has, or undefined to leave the mention as text. */
  hrefFor: (id: string) => string | undefined;
}

declare module 'mdast' {
  /** The "applies to" box: an intro sentence and a list, rendered as a labelled section. */
  interface KbAppliesTo extends Parent {
    type: 'kbAppliesTo';
    children: (Paragraph | List)[];
  }
  interface RootContentMap {
    kbAppliesTo: KbAppliesTo;
  }
}

export default function remarkKbArticle(this: Processor<Root>, options: RemarkKbArticleOptions) {
  const { hrefFor } = options;
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
        return {
          type: 'heading',
          depth: 2,
          children: [{ type: 'text', value: block.text }],
          data: { hProperties: { id: block.slug } },
        } satisfies Heading;
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
        // A code node cannot hold links, so its hast children are given directly.
        return {
          type: 'code',
          value: block.text,
          data: { hChildren: [{ type: 'element', tagName: 'code', properties: {}, children: hastInline(block.text) }] },
        };
    }
  };

  this.parser = (doc: string): Root => ({
    type: 'root',
    children: parseBody(doc.split('\n')).map(toNode) as BlockContent[],
  });
}
