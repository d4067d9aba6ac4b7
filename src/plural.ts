/** A count with its noun, singular for exactly one: "1 hour", "3 hours", "1 day". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
