/**
 * Resolves the site config from its sources, in order of precedence:
 * `KB_CONTENT_DIR` / `KB_SITE_URL`, then the JSON file named by `KB_CONFIG`,
 * then the integration's options, then the defaults (user-config.ts). Relative
 * paths are resolved against where they were given: the working folder for the
 * environment, the file's folder for `KB_CONFIG`, the project for options.
 * Node-only (it reads files) but free of Astro, so the CLIs use it too.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KbParseError } from '../../lib/kb/errors.ts';
import { parseProductTable, type ProductRow } from '../../lib/kb/products.ts';
import { describeIssues, PATH_FIELDS, UserConfigSchema, type KbArchiveConfig, type KbArchiveUserConfig } from '../../utils/user-config.ts';

/** The config as pages, the worker and the CLIs use it: paths absolute, the product table read. */
export interface ResolvedConfig extends KbArchiveConfig {
  /** The product table's rows, read from `products`. */
  productTable: ProductRow[];
}

/** A config that cannot be used: `message` names the field or file, `hint` says what to do. */
export class ConfigError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'ConfigError';
    this.hint = hint;
  }
}

const HINT = 'The fields are listed in the README under "Site config".';

function readConfigFile(file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`KB_CONFIG: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, 'KB_CONFIG names a JSON file with the site config fields.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`KB_CONFIG: ${file} must hold a JSON object of site config fields`, HINT);
  }
  return data as Record<string, unknown>;
}

/** Relative path fields made absolute against `dir`; other values as they are. */
function withAbsolutePaths(fields: Record<string, unknown>, dir: string): Record<string, unknown> {
  const out = { ...fields };
  for (const key of PATH_FIELDS) if (typeof out[key] === 'string') out[key] = path.resolve(dir, out[key] as string);
  return out;
}

export interface ResolveOptions {
  /** The project folder: where option paths are resolved from. */
  root: string;
  /** The environment (`KB_CONFIG`, `KB_CONTENT_DIR`, `KB_SITE_URL`). */
  env?: Record<string, string | undefined>;
  /** The working folder: where environment paths are resolved from. */
  cwd?: string;
  /** A site origin to use when no source gives one (Astro's own `site`). */
  site?: string;
}

export function resolveConfig(options: KbArchiveUserConfig | undefined, { root, env = process.env, cwd = process.cwd(), site }: ResolveOptions): ResolvedConfig {
  const file = env.KB_CONFIG ? path.resolve(cwd, env.KB_CONFIG) : undefined;
  const merged: Record<string, unknown> = {
    ...(site ? { site } : {}),
    ...withAbsolutePaths({ ...options }, root),
    ...(file ? withAbsolutePaths(readConfigFile(file), path.dirname(file)) : {}),
    ...(env.KB_CONTENT_DIR ? { contentDir: path.resolve(cwd, env.KB_CONTENT_DIR) } : {}),
    ...(env.KB_SITE_URL ? { site: env.KB_SITE_URL } : {}),
  };
  const parsed = UserConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const from = file ? ` (from kbArchive() options and ${file})` : '';
    throw new ConfigError(`Invalid kb-archive site config${from}:\n${describeIssues(parsed.error)}`, HINT);
  }
  const config = { ...parsed.data, contentDir: path.resolve(root, parsed.data.contentDir), products: path.resolve(root, parsed.data.products) };
  if (!existsSync(config.contentDir)) {
    throw new ConfigError(`Invalid kb-archive site config: \`contentDir\`: ${config.contentDir} does not exist`, 'Set `contentDir` (or KB_CONTENT_DIR) to the folder of your article files.');
  }
  let productTable: ProductRow[];
  try {
    productTable = parseProductTable(readFileSync(config.products, 'utf8'), path.relative(cwd, config.products) || config.products);
  } catch (e) {
    const why = e instanceof KbParseError ? e.message : `cannot read ${config.products}: ${e instanceof Error ? e.message : String(e)}`;
    throw new ConfigError(`Invalid kb-archive site config: \`products\`: ${why}`, 'The product table is a TSV file whose first line names the columns `code` and `name`.');
  }
  return { ...config, productTable };
}
