/** Site-wide names, in one place. */
export const SITE_NAME = 'KB Archive';
