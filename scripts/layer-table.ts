/**
 * The layers of src/, bottom first. A folder may import from its own layer's folder and from any
 * lower layer, never from a higher one or from a peer on the same layer (peers are independent
 * stages). `src/*.ts` (errors, log, …) is the bottom layer. Tests (`*.test.ts`) are exempt: they may
 * use the simulator or a detector as a fixture.
 */
export const layers: readonly (readonly string[])[] = [
  ['(root)', 'domain', 'net', 'zeek', 'io', 'text'],
  ['store'],
  ['ingest', 'intel'],
  ['detect'],
  ['incidents'],
  ['attribution'],
  ['report', 'sim'],
  ['hunt', 'config'],
  ['share', 'server'],
  ['cli'],
];

/** Folders of the bottom layer may import each other (they are primitives, not stages). */
export const bottomPeersMayMix = true;

/** The layer index of a src folder, or undefined for a folder the table does not know. */
export function layerOf(folder: string): number | undefined {
  const i = layers.findIndex((l) => l.includes(folder));
  return i < 0 ? undefined : i;
}

/** Whether code in folder `from` may import from folder `to`. */
export function mayImport(from: string, to: string): boolean {
  if (from === to) return true;
  const a = layerOf(from);
  const b = layerOf(to);
  if (a === undefined || b === undefined) return false;
  if (a === 0 && b === 0) return bottomPeersMayMix;
  return b < a;
}

/** The src folders `from` may not import. */
export function forbiddenFor(from: string): string[] {
  return layers.flat().filter((to) => to !== '(root)' && !mayImport(from, to));
}
