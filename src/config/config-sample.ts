import type { ConfigFormat } from './config-file.js';
import { type ConfigNode, configTree } from './schema-keys.js';

const header = [
  'mamori configuration: every key with its default. Delete what you do not change;',
  'command-line flags (--internal, --allow, --min-score, --data) override this file.',
  'docs/configuration.md lists every key. Check a file with `mamori config check FILE`.',
];

const about = (n: ConfigNode) =>
  n.kind === 'group'
    ? n.description
    : `${n.description} ${n.default === undefined ? 'Unset by default' : `Default ${valueText(n.default)}`}; ${n.range}.`;

// Bare keys where TOML and YAML allow them; quoted otherwise.
const keyText = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));

// Numbers, strings, booleans and lists of them are written the same in YAML flow style, TOML and JSON.
const valueText = (v: unknown) => JSON.stringify(v).replace(/,(?=\S)/g, ', ');

function yamlLines(nodes: readonly ConfigNode[], depth: number): string[] {
  const pad = '  '.repeat(depth);
  return nodes.flatMap((n) => {
    const name = keyText(n.path[n.path.length - 1] as string);
    const comment = `${pad}# ${about(n)}`;
    if (n.kind === 'group')
      return [...(depth === 0 ? [''] : []), comment, `${pad}${name}:`, ...yamlLines(n.children, depth + 1)];
    return n.default === undefined
      ? [comment, `${pad}# ${name}: ""`]
      : [comment, `${pad}${name}: ${valueText(n.default)}`];
  });
}

function tomlLines(nodes: readonly ConfigNode[]): string[] {
  const keys = nodes.filter((n) => n.kind === 'key');
  const groups = nodes.filter((n) => n.kind === 'group');
  return [
    ...keys.flatMap((n) => {
      const name = keyText(n.path[n.path.length - 1] as string);
      return n.default === undefined
        ? [`# ${about(n)}`, `# ${name} = ""`]
        : [`# ${about(n)}`, `${name} = ${valueText(n.default)}`];
    }),
    ...groups.flatMap((g) => [
      '',
      `# ${about(g)}`,
      `[${g.path.map(keyText).join('.')}]`,
      ...tomlLines(g.kind === 'group' ? g.children : []),
    ]),
  ];
}

function jsonValue(nodes: readonly ConfigNode[], groupAbout?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of nodes) {
    const name = n.path[n.path.length - 1] as string;
    if (n.kind === 'group') out[name] = jsonValue(n.children, about(n));
    else if (n.default !== undefined) out[name] = n.default;
  }
  // JSON has no comments: each group's "$comment" says what it and its keys mean (mamori ignores it).
  const keys = nodes.filter((n) => n.kind === 'key').map((n) => `${n.path[n.path.length - 1]}: ${about(n)}`);
  const comments = [...(groupAbout ? [groupAbout] : []), ...keys];
  if (comments.length === 0) return out;
  return { $comment: comments.length === 1 ? comments[0] : comments, ...out };
}

/** A sample config with every key at its default and a comment on each, in the given format. */
export function renderConfigSample(format: ConfigFormat): string {
  const tree = configTree();
  if (format === 'json')
    return `${JSON.stringify({ $comment: header.join(' '), ...jsonValue(tree) }, null, 2)}\n`;
  if (format === 'toml') return `${[...header.map((h) => `# ${h}`), ...tomlLines(tree)].join('\n')}\n`;
  return `${[...header.map((h) => `# ${h}`), ...yamlLines(tree, 0)].join('\n')}\n`;
}
