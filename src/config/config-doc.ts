import { type ConfigNode, configTree } from './schema-keys.js';

// Table cells: a pipe would end the cell, and <md5> would read as an HTML tag.
const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('\n', ' ');
const shown = (v: unknown) =>
  v === undefined ? 'unset' : `\`${JSON.stringify(v).replace(/,(?=\S)/g, ', ')}\``;

function section(g: ConfigNode & { kind: 'group' }, depth: number): string[] {
  const keys = g.children.filter((n) => n.kind === 'key');
  const groups = g.children.filter((n): n is ConfigNode & { kind: 'group' } => n.kind === 'group');
  return [
    `${'#'.repeat(Math.min(depth, 6))} \`${g.path.join('.')}\``,
    '',
    g.description,
    '',
    ...(keys.length > 0
      ? [
          '| key | default | range | meaning |',
          '|---|---|---|---|',
          ...keys.map((k) =>
            k.kind === 'key'
              ? `| \`${k.path[k.path.length - 1]}\` | ${cell(shown(k.default))} | ${cell(k.range)} | ${cell(k.description)} |`
              : '',
          ),
          '',
        ]
      : []),
    ...groups.flatMap((c) => section(c, depth + 1)),
  ];
}

/** docs/configuration.md, generated from the schema (`npm run docs:config`). */
export function renderConfigDoc(): string {
  const groups = configTree().filter((n): n is ConfigNode & { kind: 'group' } => n.kind === 'group');
  return `${[
    '# Configuration',
    '',
    '<!-- Generated from the config schema by `npm run docs:config`; do not edit by hand. -->',
    '',
    'mamori reads one config file: `mamori.config.yaml` (or `.yml`, `.toml`, `.json`) in the data',
    'directory, or the file given with `--config FILE` to `hunt`, `detect`, `demo`, `intel stats` and',
    '`config show`.',
    'Every key is optional; a missing key keeps its default, which is the built-in value the stage',
    'uses without a config. Command-line flags win over the file: `--data` (and `MAMORI_DATA`) over',
    '`store.dataDir`, `--internal` over `network.internal`, `--allow` over `allowlist.file`, and',
    "`hunt --min-score` over `correlation.minScore`. The demo keeps its simulated office's networks.",
    '',
    '- `mamori config init [--format yaml|toml|json]` writes a sample with every key at its default and a',
    '  comment on each (JSON has no comments: each group carries a `"$comment"` that mamori ignores).',
    '- `mamori config check [FILE]` validates a file. A bad key is named with its value and the allowed',
    '  range, and the exit code is 2; unknown keys are refused, so a misspelt key cannot be ignored.',
    '- `mamori config show [--json]` prints the effective config and where each value came from:',
    '  `default`, the file, or the flag.',
    '',
    'Each stage owns its slice of the schema (`src/detect/<detector>/<detector>-settings.ts`, the detect',
    "stage's `network-settings.ts`, `src/incidents/correlate-settings.ts`,",
    '`src/attribution/attribution-settings.ts`, `src/store/store-settings.ts`); `src/config/` composes them.',
    '',
    ...groups.flatMap((g) => section(g, 2)),
  ].join('\n')}`;
}
