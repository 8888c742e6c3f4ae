/** The site config, validated once by the kbArchive() integration (src/integrations/kb-archive). */
declare module 'virtual:kb-archive/config' {
  const config: import('./integrations/kb-archive/config.ts').ResolvedConfig;
  export default config;
}

/** Astro's `base`, as the build resolved it: `/` or `/support/kb/`. */
declare module 'virtual:kb-archive/base' {
  const base: string;
  export default base;
}
