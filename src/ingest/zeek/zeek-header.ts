import type { TsvLayout } from '../../store/store.js';

/** A parsed Zeek TSV header block. */
export interface ZeekHeader extends TsvLayout {
  readonly path: string | null;
  readonly open: string | null;
}

/** Mutable header state while the `#` lines of a file are read. */
export interface HeaderDraft {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  path: string | null;
  open: string | null;
  fields: string[] | null;
  types: string[] | null;
}

/** Zeek's defaults, used until the header says otherwise. */
export function newHeaderDraft(): HeaderDraft {
  return {
    separator: '\t',
    setSeparator: ',',
    emptyField: '(empty)',
    unsetField: '-',
    path: null,
    open: null,
    fields: null,
    types: null,
  };
}

/** Decodes Zeek's `\xHH` escapes (as used in `#separator \x09`). */
export function decodeHeaderEscapes(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/**
 * Applies one `#` line to the draft. Returns 'close' for `#close`, 'layout' when `#fields` or
 * `#types` changed, 'other' for the rest. Throws a message when the directive is malformed.
 */
export function applyHeaderLine(draft: HeaderDraft, rawLine: string): 'close' | 'layout' | 'other' {
  const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
  if (line.startsWith('#separator')) {
    const value = line.slice('#separator'.length).trim();
    const sep = decodeHeaderEscapes(value);
    if (sep.length !== 1) throw new Error(`#separator must name one character, got "${value}"`);
    draft.separator = sep;
    return 'layout';
  }
  const sepAt = line.indexOf(draft.separator);
  const key = sepAt < 0 ? line.slice(1) : line.slice(1, sepAt);
  const rest = sepAt < 0 ? '' : line.slice(sepAt + 1);
  switch (key) {
    case 'set_separator':
      draft.setSeparator = decodeHeaderEscapes(rest);
      return 'other';
    case 'empty_field':
      draft.emptyField = rest;
      return 'other';
    case 'unset_field':
      draft.unsetField = rest;
      return 'other';
    case 'path':
      draft.path = rest;
      return 'other';
    case 'open':
      draft.open = rest;
      return 'other';
    case 'fields':
      draft.fields = rest.split(draft.separator);
      return 'layout';
    case 'types':
      draft.types = rest.split(draft.separator);
      return 'layout';
    case 'close':
      return 'close';
    default:
      return 'other';
  }
}

/** The finished header, or a reason it can't be used. */
export function finishHeader(draft: HeaderDraft): ZeekHeader | string {
  if (!draft.fields) return 'header has no #fields line';
  if (draft.types && draft.types.length !== draft.fields.length) {
    return `header has ${draft.fields.length} #fields but ${draft.types.length} #types`;
  }
  const seen = new Set<string>();
  for (const f of draft.fields) {
    if (f === '') return 'header has an empty field name';
    if (seen.has(f)) return `header names field "${f}" twice`;
    seen.add(f);
  }
  return {
    separator: draft.separator,
    setSeparator: draft.setSeparator,
    emptyField: draft.emptyField,
    unsetField: draft.unsetField,
    path: draft.path,
    open: draft.open,
    fields: draft.fields,
    types: draft.types ?? draft.fields.map(() => 'string'),
  };
}
