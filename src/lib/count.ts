/** A count with its noun, for page text: `1 article`, `57,316 articles`. Pure. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
