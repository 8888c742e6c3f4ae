/**
 * The parsed form of an article body: a small, framework-free document model.
 * The remark adapter (src/markdown) maps it to mdast; tests compare it as JSON.
 */

/** A section heading: a line underlined with `===` (a section) or `---` (a subsection). */
export interface HeadingBlock {
  type: 'heading';
  /** 2 for a section (`===`), 3 for a subsection (`---`, such as "Sample Code"). */
  level: 2 | 3;
  /** The heading as written (`MORE INFORMATION`). */
  text: string;
  /** Stable, unique-per-article anchor (`more-information`). */
  slug: string;
}

/** Prose: the source's hard line breaks re-flowed into one string. */
export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
}

/** A bullet or numbered list; each item re-flowed. */
export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: string[];
}

/** Code, tables, listings, diagrams and anything uncertain: whitespace kept exactly. */
export interface PreBlock {
  type: 'pre';
  text: string;
}

/** The "The information in this article applies to:" box, as its list of products. */
export interface AppliesToBlock {
  type: 'appliesTo';
  /** The introducing sentence as written. */
  intro: string;
  items: string[];
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | PreBlock | AppliesToBlock;
