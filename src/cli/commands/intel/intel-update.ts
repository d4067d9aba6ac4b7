import { Command } from 'commander';
import { resolveDataDir } from '../../../config/data-dir.js';
import { errorCodes, MamoriError } from '../../../errors.js';
import { SourcesUnreachable } from '../../../intel/update/fetch-sources.js';
import { updateIntel } from '../../../intel/update-intel.js';
import { cellText, formatBytes, printText, toJson } from '../../output.js';
import { openStoreForWriting } from '../../read-store.js';
import { describeOutcome } from './intel-import.js';

/** `mamori intel update`. */
export function intelUpdateCommand(): Command {
  return new Command('update')
    .description('Fetch the current ATT&CK, MISP galaxies and MISP warninglists and import them')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option(
      '--sources <file>',
      'JSON file of sources (URLs or local paths) overriding or adding to the defaults',
    )
    .option('--offline', 'use only the copies cached by earlier updates')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Downloads are cached in <data>/intel-cache with their ETag, so an unchanged source costs one
conditional request. If any source cannot be fetched nothing is imported and the knowledge
base stays as it was. Sources file:
  { "sources": [ { "id": "attack-enterprise", "path": "/mirror/enterprise-attack.json" },
                 { "id": "my-feed", "url": "https://intel.example/feed.json" } ],
    "replaceDefaults": false }
The warninglists fetched replace those of the shipped snapshot. Without the network, an update
fails in one line (exit 1); import a copy instead: mamori intel import DIR, with MISP warninglists
as DIR/lists/<name>/list.json (a clone of MISP/misp-warninglists) or DIR/<name>.json.`,
    )
    .action(
      async (flags: { data?: string; sources?: string; offline?: boolean; json?: boolean }, cmd: Command) => {
        const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
        const store = await openStoreForWriting(dataDir);
        const ac = new AbortController();
        const onSigint = () => ac.abort();
        process.once('SIGINT', onSigint);
        const tty = !flags.json && process.stderr.isTTY;
        try {
          const result = await updateIntel({
            store,
            dataDir,
            sourcesFile: flags.sources,
            offline: flags.offline,
            signal: ac.signal,
            onFetch: (p) => {
              if (tty && p.phase !== 'data') process.stderr.write(`\r\x1b[Kfetch ${p.id} ${p.phase}`);
            },
            onImport: (id) => {
              if (tty) process.stderr.write(`\r\x1b[Kimport ${id}`);
            },
          }).catch((err: unknown) => {
            if (tty) process.stderr.write('\r\x1b[K');
            if (!flags.json || !(err instanceof MamoriError)) throw err;
            // A script gets the failure on stdout too; the exit code is the same as without --json.
            printText(toJson({ ok: false, error: updateFailureJson(err) }));
            process.exitCode = exitCodeOf(err);
            return null;
          });
          if (result === null) return;
          if (tty) process.stderr.write('\r\x1b[K');
          if (flags.json) {
            printText(
              toJson({ ...result, imports: result.imports.map((o) => ({ ...o, error: o.error?.message })) }),
            );
          } else {
            const by = (s: string) => result.fetched.filter((f) => f.status === s).length;
            printText(
              `fetched ${result.fetched.length} sources: ${by('downloaded')} downloaded, ${by('not-modified')} unchanged, ${by('cached')} from cache, ${by('local')} local (${formatBytes(result.fetched.reduce((a, f) => a + f.bytes, 0))})`,
            );
            for (const o of result.imports) printText(describeOutcome(o));
            const failed = result.imports.filter((o) => o.status === 'failed');
            if (failed.length)
              printText(
                `${failed.length} sources failed to import: ${failed.map((o) => cellText(o.source)).join(', ')}`,
              );
          }
          if (result.imports.some((o) => o.status === 'failed')) process.exitCode = 1;
        } finally {
          process.off('SIGINT', onSigint);
          await store.close();
        }
      },
    );
}

/** The JSON form of a failed update: the stable code and message, and for an unreachable network its hosts. */
export function updateFailureJson(err: MamoriError): Record<string, unknown> {
  return {
    code: err.code,
    message: err.message,
    ...(err instanceof SourcesUnreachable
      ? { unreachable: err.hosts, notFetched: err.notFetched, sources: err.total }
      : {}),
  };
}

/** Exit code of a failed update: 130 when interrupted, 74 on a full disk, else 1 (docs/security.md). */
function exitCodeOf(err: MamoriError): number {
  if (err.code === errorCodes.interrupted) return 130;
  if (err.code === errorCodes.noSpace) return 74;
  return 1;
}
