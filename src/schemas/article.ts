/**
 * The typed shape of one article in the `kb` collection. Only what pages,
 * listings and search need lives here: the body stays in its file and is
 * rendered when its page is built, which keeps the data store small at 60k articles.
 */
import { z } from 'astro/zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const trailerSchema = z.object({
  /** `Keywords :` line of the trailer. */
  keywords: z.string().optional(),
  /** `Technology :` line: the product/technology tags. */
  technology: z.string().optional(),
  /** `Version :` line. */
  version: z.string().optional(),
  /** `Issue type :` line (`kbbug`, `kbhowto`, ...). */
  issueType: z.string().optional(),
  /** `Solution Type :` line (`kbfix`, ...). */
  solutionType: z.string().optional(),
  /** `Hardware :` line. */
  hardware: z.string().optional(),
  /** Any other `Name : value` line, by name. */
  other: z.record(z.string(), z.string()).optional(),
});

export const articleSchema = z.object({
  /** The article id as the archive writes it: `Q192493`. */
  id: z.string().regex(/^Q\d+$/),
  /** The number of the id: 192493. */
  number: z.number().int().positive(),
  /** The number zero-padded to six digits, first three: `192` (`Q10022` -> `010`). */
  bucket: z.string().regex(/^\d{3}$/),
  /** The title without its `Q192493: ` prefix. */
  title: z.string().min(1),
  /** `Product(s):` values (`See article` included as written). */
  products: z.array(z.string()),
  /** Product code named by the article itself (`| mspl13_c` keyword tail, or an import's `[word97]`). */
  productCode: z.string().optional(),
  /** `Version(s):` values, split at `;`. */
  versions: z.array(z.string()),
  /** `Operating System(s):` values, split at `|`. */
  operatingSystems: z.array(z.string()),
  /** `Keyword(s):` words. */
  keywords: z.array(z.string()),
  /** `Last Modified:` as an ISO date: `1999-04-22`. */
  lastModified: isoDate.optional(),
  /** The trailer block's fields, when the article has one. */
  trailer: trailerSchema.optional(),
  /** `Additional query words:`, when present. */
  queryWords: z.string().optional(),
  /** Other articles the body mentions (`Q191014`), distinct, in order of first mention. */
  mentions: z.array(z.string()),
  /** Path of the source file relative to the content folder (`contentDir`), read again when the page is rendered. */
  file: z.string(),
});

export type Article = z.infer<typeof articleSchema>;
export type ArticleTrailer = z.infer<typeof trailerSchema>;
