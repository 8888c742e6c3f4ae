/**
 * The site config: what makes a site one team's archive rather than another's.
 * Given as the options of the `kbArchive()` integration in `astro.config.mjs`
 * (as Starlight takes `starlight({ title })`), optionally overridden by a JSON
 * file named by `KB_CONFIG`, then by `KB_CONTENT_DIR` and `KB_SITE_URL`.
 * Validated once, when the build's config is set up; pages read the result
 * through the `virtual:kb-archive/config` module.
 */
import { z } from 'astro/zod';
import { referenceArchive } from './reference-archive.ts';

/** A file served from `public/`, as a site path: `/logo.svg`. */
const publicFile = z
  .string()
  .regex(/^\/?[^\s?#]+$/, 'must be the path of a file in public/, such as `/logo.svg`')
  .transform((p) => (p.startsWith('/') ? p : `/${p}`));

export const UserConfigSchema = z.strictObject({
  /** The site's name: the header, every page's `<title>`, link previews and citations. */
  title: z.string().trim().min(1).default(referenceArchive.title),
  /** One sentence on what the archive holds: the home page's description and previews. */
  description: z.string().trim().min(1).default(referenceArchive.description),
  /**
   * The legal notice in every page's footer (and what `npm run import` drops from
   * the end of original text files); `false` for no notice.
   */
  notice: z.union([z.string().trim().min(1), z.literal(false)]).default(referenceArchive.notice),
  /**
   * The product table: a TSV file with `code` and `name` columns (and optionally
   * `aliases`), relative to the project or to the `KB_CONFIG` file.
   */
  products: z.string().min(1).default(referenceArchive.products),
  /** A logo shown before the title in the header: a file in `public/`, and its text for screen readers. */
  logo: z.strictObject({ src: publicFile, alt: z.string().default('') }).optional(),
  /** The favicon: a file in `public/`. */
  favicon: publicFile.default('/favicon.svg'),
  /** The folder of article files, relative to the project or the `KB_CONFIG` file. `KB_CONTENT_DIR` overrides it. */
  contentDir: z.string().min(1).default('content'),
  /**
   * The public origin, for canonical URLs, previews, the sitemap and citations
   * (`https://kb.example.com`). `KB_SITE_URL` overrides it. The path the site is
   * served under is Astro's `base` option.
   */
  site: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as `https://kb.example.com`' })
    .default('http://localhost:4321'),
});

export type KbArchiveUserConfig = z.input<typeof UserConfigSchema>;
export type KbArchiveConfig = z.output<typeof UserConfigSchema>;

/** The fields that name files, resolved against where they were given. */
export const PATH_FIELDS = ['products', 'contentDir'] as const;

/** One line per problem, naming the field: `title: expected string, received number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `- \`${i.path.join('.') || '(the config)'}\`: ${i.message}`).join('\n');
}
