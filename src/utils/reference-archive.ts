/**
 * The reference archive's settings: the Microsoft Knowledge Base, whose articles
 * `content/` holds. They are the site config's defaults (user-config.ts); any
 * other archive sets its own in `astro.config.mjs` or a `KB_CONFIG` file.
 */
export const referenceArchive = {
  title: 'KB Archive',
  description: 'Knowledge-base articles, browsable by number and product, searchable in the browser.',
  notice:
    'The information provided in the Microsoft Knowledge Base is provided "as is" without warranty of any ' +
    'kind. Microsoft disclaims all warranties, either express or implied, including the warranties of ' +
    'merchantability and fitness for a particular purpose. In no event shall Microsoft Corporation or its ' +
    'suppliers be liable for any damages whatsoever including direct, indirect, incidental, consequential, ' +
    'loss of business profits or special damages, even if Microsoft Corporation or its suppliers have been ' +
    'advised of the possibility of such damages. Some states do not allow the exclusion or limitation of ' +
    'liability for consequential or incidental damages so the foregoing limitation may not apply.',
  /** The original site's 46 product listings, with their codes. */
  products: 'content/products.tsv',
} as const;
