/** The middle value of a list, 0 for an empty one; the input is not changed. */
export function median(values: readonly number[], opts: { readonly even?: 'mean' | 'upper' } = {}): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  // An even count takes the mean of the two middle values, or with `even: 'upper'` the upper one:
  // a value that occurred (the beaconing fleet rule compares request sizes that way).
  if (s.length % 2 || opts.even === 'upper') return s[mid] as number;
  return ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
