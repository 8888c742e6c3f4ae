/**
 * A unified compiler plugin: the mdast that remark-kb-article makes, out as
 * HTML. It gives what remark-rehype and rehype-stringify would, byte for byte
 * (the corpus tests compare them), for the few node types an article body has,
 * without building a hast tree of every body first: on the reference archive
 * that took 5.0 s of the 7.3 s a build spends rendering bodies, and this 0.8 s.
 * Text and attribute values are escaped with stringify-entities and link URLs
 * normalised with micromark-util-sanitize-uri, as those two do; a node of any
 * other type is an error, never dropped.
 */
import type { Element, ElementContent, Properties } from 'hast';
import type { List, PhrasingContent, Root, RootContent } from 'mdast';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { stringifyEntities } from 'stringify-entities';
import type { Plugin } from 'unified';

// Arrays declared once: stringify-entities caches its expression per subset array.
const TEXT_SUBSET = ['<', '&'];
// hast-util-to-html's defaults (no parse errors, no dangerous characters) in a double-quoted value.
const ATTRIBUTE_SUBSET = ['\0', '"', '&', "'", '`'];
const text = (value: string) => stringifyEntities(value, { subset: TEXT_SUBSET });

/** The attributes hast properties stand for, in the order given. */
function attributes(properties: Properties | undefined): string {
  let out = '';
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    const name = key === 'className' ? 'class' : key.startsWith('aria') ? `aria-${key.slice(4).toLowerCase()}` : key;
    if (!/^(?:class|id|href|aria-[a-z]+)$/.test(name)) throw new Error(`remark-kb-html: no attribute for property ${key}`);
    out += ` ${name}="${stringifyEntities(Array.isArray(value) ? value.join(' ') : String(value), { subset: ATTRIBUTE_SUBSET, attribute: true })}"`;
  }
  return out;
}

const element = (tag: string, properties: Properties | undefined, inner: string) => `<${tag}${attributes(properties)}>${inner}</${tag}>`;

function hast(nodes: readonly ElementContent[]): string {
  return nodes.map((n) => (n.type === 'text' ? text(n.value) : n.type === 'element' ? element(n.tagName, n.properties, hast(n.children)) : unknown(n.type))).join('');
}

function phrasing(nodes: readonly PhrasingContent[]): string {
  return nodes.map((n) => (n.type === 'text' ? text(n.value) : n.type === 'link' ? element('a', { href: normalizeUri(n.url) }, phrasing(n.children)) : unknown(n.type))).join('');
}

/** A tight list: each item's paragraph without its `<p>`, each item on a line of its own. */
function list(node: List): string {
  const items = node.children.map((item) => `<li>${item.children.map((p) => (p.type === 'paragraph' ? phrasing(p.children) : unknown(p.type))).join('')}</li>`);
  const tag = node.ordered ? 'ol' : 'ul';
  return `<${tag}>\n${items.map((item) => `${item}\n`).join('')}</${tag}>`;
}

function block(node: RootContent): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${phrasing(node.children)}</p>`;
    case 'list':
      return list(node);
    case 'code':
      return `<pre><code>${node.data?.hChildren ? hast(node.data.hChildren as ElementContent[]) : text(node.value)}</code></pre>`;
    case 'kbHeading':
    case 'kbAppliesTo': {
      const data = node.data as { hName: string; hProperties?: Properties; hChildren?: Element[] };
      const inner = 'children' in node ? node.children.map(block).join('') : hast(data.hChildren ?? []);
      return element(data.hName, data.hProperties, inner);
    }
    default:
      return unknown(node.type);
  }
}

function unknown(type: string): never {
  throw new Error(`remark-kb-html: no HTML for a ${type} node`);
}

const remarkKbHtml: Plugin<[], Root, string> = function () {
  this.compiler = (tree) => (tree as Root).children.map(block).join('\n');
};

export default remarkKbHtml;
