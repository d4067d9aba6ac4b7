/**
 * Top-level domains that are also common file extensions. A bare `setup.py` or `notes.md` in an
 * article is a file name; the same text defanged (`evil[.]zip`) is an indicator, because
 * defanging shows the writer meant a host.
 */
export const fileLikeTlds: ReadonlySet<string> = new Set(
  // The second half are not TLDs today; listed so that a new gTLD does not turn file names into hosts.
  'zip mov py sh pl pm rs md ps so app cat tf mk am ac js ts cs vb csv pdf doc xls exe dll bat cmd lnk log ini dat'.split(
    ' ',
  ),
);

/** Product names written like hosts ("ASP.NET", "Socket.IO") that articles use as words. */
export const notHosts: ReadonlySet<string> = new Set([
  'asp.net',
  'vb.net',
  'ado.net',
  'socket.io',
  'ext.net',
  'dot.net',
  'node.red',
]);

/** Scheme URLs up to the first character a URL cannot carry bare. */
export const urlRe = /\b(?:https?|ftp):\/\/[^\s<>"'`{}|\\^[\]]+/gi;
export const emailRe =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}(?![\w-])/g;
/** Dotted quads, optionally a prefix length or a port; not part of a longer dotted number. */
export const ipv4Re = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2}|:\d{1,5})?(?![\w/]|\.\d)/g;
export const hashRe = /(?<![0-9A-Za-z])[0-9a-fA-F]{32,64}(?![0-9A-Za-z])/g;
export const domainRe =
  /(?<![\w@.-])(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{1,62}(?![\w-]|\.[A-Za-z0-9])/g;
/** Words right before a dotted quad that make it a version number ("version 1.2.3.4", "v1.2.3.4"). */
export const versionBeforeRe = /(?:\bversion|\bver\.?|\bv|\bbuild|\brelease|\bfirmware|\brev\.?)\s*$/i;
/** Marks of text a writer defanged on purpose: `[.]`, `(.)`, `[dot]`, `hxxp`, `[:]`, `[@]`. */
export const defangMarkRe = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[:\]|\[@\]|\[at\]|\bhxxps?|\bfxp/gi;
