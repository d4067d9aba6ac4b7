import type { Engine } from './engine.js';
import type { InputFormat } from './formats.js';
import { ingestEve, ingestEveArray } from './suricata/eve-js.js';
import { ingestZeekJson } from './zeek/zeek-json-js.js';
import { ingestZeekTsvJs } from './zeek/zeek-tsv-js.js';

/** The JavaScript engine for each input format; adding a format is one reader plus one line here. */
export const formatEngines = {
  'zeek-tsv': { engine: ingestZeekTsvJs, source: 'zeek' },
  'zeek-json': { engine: ingestZeekJson, source: 'zeek' },
  eve: { engine: (input) => ingestEve(input), source: 'suricata' },
  'eve-array': { engine: (input) => ingestEveArray(input), source: 'suricata' },
} as const satisfies Record<InputFormat, { engine: Engine; source: 'zeek' | 'suricata' }>;

/** Which engine reads Zeek TSV: the store's native reader when it has one, or JavaScript. */
export const engineChoices = ['auto', 'native', 'js'] as const;
export type EngineChoice = (typeof engineChoices)[number];
