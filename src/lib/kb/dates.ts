import { format, isValid, parse } from 'date-fns';

/**
 * The archive's dates (`22-APR-1999`, `7-SEP-2001`) as ISO dates (`1999-04-22`).
 * date-fns rejects days that do not exist (`31-APR-1999`), which a regex would not.
 */
export function kbDateToIso(text: string): string | undefined {
  const d = parse(text.trim(), 'd-MMM-yyyy', new Date(0));
  return isValid(d) ? format(d, 'yyyy-MM-dd') : undefined;
}
