import { forbiddenFor, layers } from './layer-table.js';

/** Deepest folder nesting under one src folder that the rules cover. */
const maxDepth = 5;

/** One Biome override per src folder and file depth, forbidding specifiers into higher layers. */
export function layerOverrides(): object[] {
  const out: object[] = [];
  for (const folder of layers.flat()) {
    if (folder === '(root)') continue;
    const forbidden = forbiddenFor(folder);
    if (forbidden.length === 0) continue;
    for (let depth = 1; depth <= maxDepth; depth++) {
      const up = '../'.repeat(depth);
      out.push({
        includes: [`src/${folder}/${'*/'.repeat(depth - 1)}*.ts`, '!**/*.test.ts', '!**/*.test-helper.ts'],
        linter: {
          rules: {
            style: {
              noRestrictedImports: {
                level: 'error',
                options: {
                  patterns: [
                    {
                      group: forbidden.flatMap((to) => [`${up}${to}`, `${up}${to}/**`]),
                      message: `src/${folder} may not import from a layer above it or a peer stage (scripts/layer-table.ts).`,
                    },
                  ],
                },
              },
            },
          },
        },
      });
    }
  }
  return out;
}
