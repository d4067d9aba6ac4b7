// Writes the Biome overrides that make an upward import fail `npm run lint`:
//   npx tsx scripts/write-layer-lint.ts
// Relative specifiers depend on a file's depth, so there is one override per folder and depth.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { layerOverrides } from './layer-overrides.js';

const file = path.resolve(import.meta.dirname, '../biome.json');
const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
config['overrides'] = layerOverrides();
writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
// Biome checks its own config file's layout too.
execFileSync('npx', ['biome', 'format', '--write', file], { stdio: 'ignore' });
console.log(`wrote ${(config['overrides'] as unknown[]).length} layer overrides to biome.json`);
