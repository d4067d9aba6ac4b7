#!/usr/bin/env node
// The CLI is compiled by `npm ci` (the prepare script); this shim only loads it.
import { main } from '../dist/cli/main.js';

// `mamori query … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 70;
  },
);
