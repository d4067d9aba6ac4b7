import { Command, CommanderError } from 'commander';
import { errorCodes, isNoSpace, MamoriError, messageOf } from '../errors.js';
import { mamoriVersion } from '../version.js';
import { configCommand } from './commands/config/config.js';
import { demoCommand } from './commands/demo.js';
import { detectCommand } from './commands/detect.js';
import { huntCommand } from './commands/hunt.js';
import { incidentsCommand } from './commands/incidents.js';
import { ingestCommand } from './commands/ingest.js';
import { intelCommand } from './commands/intel/intel.js';
import { queryCommand } from './commands/query.js';
import { reportCommand } from './commands/report.js';
import { rowsCommand } from './commands/rows.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { statsCommand } from './commands/stats.js';
import { storeCommand } from './commands/store.js';
import { suppressionsCommand } from './commands/suppressions.js';
import { usersCommand } from './commands/users/users.js';
import { printError } from './output.js';
import { setColourOption } from './terminal.js';

/** Exit code for each error code; everything unexpected is 70 (EX_SOFTWARE). */
const exitCodes: Record<string, number> = {
  [errorCodes.usage]: 2,
  [errorCodes.badInput]: 1,
  [errorCodes.unknownFormat]: 1,
  [errorCodes.badLine]: 1,
  [errorCodes.io]: 1,
  [errorCodes.readOnly]: 1,
  [errorCodes.store]: 1,
  [errorCodes.storeLocked]: 75,
  [errorCodes.schemaTooNew]: 1,
  [errorCodes.network]: 1,
  [errorCodes.interrupted]: 130,
  // EX_IOERR: a full disk is neither a usage error nor a bug.
  [errorCodes.noSpace]: 74,
};

/** The exit codes, as `mamori --help` lists them (docs/security.md, "Exit codes", says more). */
export const exitCodeHelp = `
Exit codes:
  0    done
  1    a file that could not be ingested, a query past its limit, a store or network problem,
       an unknown incident or name
  2    usage error: a bad option, time, --out target, --only value or unknown --actor;
       an export the sharing rules refuse
  70   an unexpected error (a bug: please report it)
  74   no space left on device
  75   the store is in use by another mamori process
  130  interrupted (Ctrl-C)`;

/** The command tree; commands hold no business logic, only option parsing and printing. */
export function buildProgram(): Command {
  const program = new Command('mamori')
    .description(
      'Network threat hunting and attribution: from Zeek and Suricata telemetry to attributed incidents',
    )
    .version(mamoriVersion)
    .option('--no-color', 'no colour, even on a terminal (as NO_COLOR=1 does; FORCE_COLOR=1 forces it)')
    .addHelpText('after', exitCodeHelp)
    .showHelpAfterError()
    .exitOverride()
    .addCommand(demoCommand())
    .addCommand(huntCommand())
    .addCommand(incidentsCommand())
    .addCommand(suppressionsCommand())
    .addCommand(reportCommand())
    .addCommand(ingestCommand())
    .addCommand(statsCommand())
    .addCommand(storeCommand())
    .addCommand(queryCommand())
    .addCommand(rowsCommand())
    .addCommand(intelCommand())
    .addCommand(simulateCommand())
    .addCommand(configCommand())
    .addCommand(detectCommand())
    .addCommand(serveCommand())
    .addCommand(usersCommand());
  program.hook('preAction', () => setColourOption(program.opts()['color'] !== false));
  // Subcommands added with addCommand do not inherit this: usage errors exit with 2 everywhere.
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code; errors become one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  setColourOption(true);
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    // A full disk can surface from any layer (a spool write, DuckDB's own files, a commit).
    if (isNoSpace(err) && !(err instanceof MamoriError && err.code === errorCodes.noSpace)) {
      printError(`mamori: no space left on device: ${messageOf(err)}`);
      return exitCodes[errorCodes.noSpace] as number;
    }
    if (err instanceof MamoriError) {
      // Messages quote file names and values, which may hold terminal escape sequences.
      printError(`mamori: ${err.message}`);
      return exitCodes[err.code] ?? 1;
    }
    throw err;
  }
}
