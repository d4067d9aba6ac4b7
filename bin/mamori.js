#!/usr/bin/env node
// The CLI is compiled by `npm ci` (the prepare script); this shim only loads it.
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 70;
  },
);
