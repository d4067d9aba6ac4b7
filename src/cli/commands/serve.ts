import { Command } from 'commander';
import { startServer } from '../../server/serve.js';
import { addConfigOption, commandConfig, givenOption } from '../command-config.js';
import { printText } from '../output.js';
import { parsePort } from './users/user-options.js';

interface ServeFlags {
  readonly data?: string;
  readonly host?: string;
  readonly port?: number;
  readonly follow?: string[];
  readonly json?: boolean;
}

/** `mamori serve`: the team server (API, UI, live hunting) over one store. */
export function serveCommand(): Command {
  const cmd = new Command('serve')
    .description('Run the team server: the REST API, the web UI and live hunting over one store')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option(
      '--host <address>',
      'address to listen on (default 127.0.0.1; anything else needs a user: mamori users add)',
    )
    .option('--port <n>', 'TCP port (default 8080; 0 picks a free one)', parsePort)
    .option('--follow <path...>', 'Zeek or Suricata logs to follow and hunt live (added to live.follow)')
    .option('--json', 'print where the server listens as one JSON line, once it does');
  return addConfigOption(cmd)
    .addHelpText(
      'after',
      `
The server owns the store while it runs; other mamori commands reach it through its API (the
address and a local token are in <data>/server.json, readable by you only). With no user and a
loopback address, everyone on this machine acts as admin; add users with mamori users add.
See docs/server.md.

Examples:
  mamori serve                                   (http://127.0.0.1:8080)
  mamori serve --port 9000 --follow /opt/zeek/logs/current
  mamori users add alice --role admin && mamori serve --host 0.0.0.0`,
    )
    .action(async (flags: ServeFlags, c: Command) => {
      const { config, dataDir } = commandConfig(c, [
        { path: ['server', 'host'], flag: '--host', value: flags.host },
        { path: ['server', 'port'], flag: '--port', value: givenOption<number>(c, 'port') },
      ]);
      const server = await startServer({
        dataDir,
        config,
        follow: [...config.live.follow, ...(flags.follow ?? [])],
        handleSignals: true,
      });
      if (flags.json) {
        const { url, host, port, authRequired, tls } = server;
        return printText(JSON.stringify({ url, host, port, tls, authRequired, dataDir }));
      }
      const where =
        server.host === '127.0.0.1' || server.host === 'localhost'
          ? server.url
          : `${server.url} (listening on ${server.host})`;
      printText(`mamori serve: ${where}, data ${dataDir}`);
      printText(
        server.authRequired
          ? 'Login required (users exist). Stop with Ctrl-C.'
          : 'Warning: no users, so anyone on this machine acts as admin (loopback only). Add one with: mamori users add NAME --role admin',
      );
    });
}
