/**
 * Undoes the usual ways reports defang indicators so they cannot be clicked: `hxxp://`,
 * `example[.]com`, `example(.)com`, `example[dot]com`, `1.2.3[.]4`, `user[@]example.com`,
 * `http[:]//`. Only bracketed or well-known forms are undone, so ordinary text is left alone.
 */
export function refang(text: string): string {
  return text
    .replace(
      /\b(h[xX]{2}p|hXXp|hxxp|fxp|meow)(s?)(\[?:\]?\/\/|\[:\/\/\])/g,
      (_m, scheme: string, s: string) => `${scheme.toLowerCase() === 'fxp' ? 'ftp' : 'http'}${s}://`,
    )
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/\s?[[({]\s?(?:\.|dot|DOT)\s?[\])}]\s?/g, '.')
    .replace(/\s?[[({]\s?(?:@|at|AT)\s?[\])}]\s?/g, '@')
    .replace(/\[\/\]/g, '/');
}
