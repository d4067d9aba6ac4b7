/**
 * Writes docs/configuration.md from the config schema: every key, its default, range and meaning.
 *
 *   npm run docs:config
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigDoc } from '../src/config/config-doc.js';

const out = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
writeFileSync(out, renderConfigDoc());
console.log(`wrote ${out}`);
