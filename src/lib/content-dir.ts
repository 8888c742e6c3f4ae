/** Where the articles come from: `KB_CONTENT_DIR` (absolute or relative to the working folder), else `content/`. */
import path from 'node:path';

export function contentDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.KB_CONTENT_DIR || 'content');
}
