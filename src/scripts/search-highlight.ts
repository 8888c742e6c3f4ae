/**
 * On an article opened from a search result (`?pagefind-highlight=term`), marks
 * the searched words with Pagefind's highlighter, loaded only then: an article
 * read any other way loads nothing from Pagefind.
 */
import { routes } from '../utils/base.ts';

const PARAM = 'pagefind-highlight';

if (new URLSearchParams(location.search).has(PARAM)) {
  const url = routes.pagefind('pagefind-highlight.js');
  void import(/* @vite-ignore */ url).then(({ default: PagefindHighlight }) => {
    new PagefindHighlight({
      highlightParam: PARAM,
      markContext: '.article-header h1, .article-body',
      markOptions: { className: 'search-highlight', exclude: ['.heading .anchor'] },
      addStyles: false,
    });
  });
}
