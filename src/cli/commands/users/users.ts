import { Argument, Command, Option } from 'commander';
import { roles, type User } from '../../../domain/identity.js';
import { errorCodes, MamoriError } from '../../../errors.js';
import { userNamePattern } from '../../../server/api/schemas/identity-schemas.js';
import { printText, renderTable, toJson } from '../../output.js';
import { readNewPassword } from './password-input.js';
import { withUsers } from './users-backend.js';
import { tokenCommand } from './users-token.js';

function checkName(name: string): string {
  if (!userNamePattern.test(name))
    throw new MamoriError(
      errorCodes.usage,
      `user name ${JSON.stringify(name.slice(0, 80))}: lower-case letters, digits, ".", "_" and "-", at most 64`,
    );
  return name;
}

function describeUser(u: User): string {
  return `${u.name} (${u.role}${u.disabled ? ', disabled' : ''})`;
}

const dataOption = () =>
  new Option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)');

/** `mamori users`: the server's users, their passwords and API tokens. */
export function usersCommand(): Command {
  const users = new Command('users')
    .description("Manage the team server's users and API tokens (works whether or not mamori serve runs)")
    .addOption(dataOption())
    .option('--config <file>', 'config file')
    .addHelpText(
      'after',
      `
Roles: viewer (read), analyst (triage, ingest, suppressions, export), admin (users, settings).
While mamori serve owns the store these commands go through its API; every change is audited.

Examples:
  mamori users add alice --role admin
  echo "$PW" | mamori users add ci-bot --role analyst --org soc --password-stdin
  mamori users token create ci-bot --label nightly --expires 90d`,
    );
  users
    .command('add')
    .description('Add a user (asks for the password twice, or reads it with --password-stdin)')
    .argument('<name>', 'login name: lower-case letters, digits, ".", "_", "-"')
    .addOption(new Option('--role <role>', 'what the user may do').choices(roles).makeOptionMandatory())
    .option('--org <name>', 'organisation, created when missing', 'home')
    .option('--display-name <text>', 'name shown in the UI (default: the login name)')
    .option('--password-stdin', 'read the password from stdin (scripts)')
    .option('--json', 'print the user as JSON')
    .action(
      async (
        name: string,
        f: {
          role: (typeof roles)[number];
          org: string;
          displayName?: string;
          passwordStdin?: boolean;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        checkName(name);
        const password = await readNewPassword(f.passwordStdin === true);
        const u = await withUsers(cmd, (b) =>
          b.add({
            name,
            role: f.role,
            org: f.org,
            password,
            ...(f.displayName ? { displayName: f.displayName } : {}),
          }),
        );
        printText(f.json ? toJson(u) : `added ${describeUser(u)} to ${f.org}`);
      },
    );
  users
    .command('list')
    .description('List users')
    .option('--json', 'print JSON')
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const list = await withUsers(cmd, (b) => b.list());
      if (f.json) return printText(toJson(list));
      if (!list.length)
        return printText(
          'no users: the server runs in anonymous mode (loopback only). Add one: mamori users add NAME --role admin',
        );
      printText(
        renderTable(
          ['name', 'role', 'disabled', 'displayName', 'orgId', 'createdAt'],
          list as unknown as Record<string, unknown>[],
        ),
      );
    });
  users
    .command('passwd')
    .description("Change a user's password (ends their browser sessions)")
    .argument('<name>')
    .option('--password-stdin', 'read the password from stdin')
    .option('--json', 'print the user as JSON')
    .action(async (name: string, f: { passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
      const password = await readNewPassword(f.passwordStdin === true);
      const u = await withUsers(cmd, (b) => b.update(name, { password }));
      printText(f.json ? toJson(u) : `password of ${u.name} changed`);
    });
  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(verb)
      .description(
        disabled ? 'Disable a user: no login, sessions end, tokens stop working' : 'Enable a disabled user',
      )
      .argument('<name>')
      .option('--json', 'print the user as JSON')
      .action(async (name: string, f: { json?: boolean }, cmd: Command) => {
        const u = await withUsers(cmd, (b) => b.update(name, { disabled }));
        printText(f.json ? toJson(u) : describeUser(u));
      });
  }
  users
    .command('role')
    .description("Change a user's role")
    .argument('<name>')
    .addArgument(new Argument('<role>').choices(roles))
    .option('--json', 'print the user as JSON')
    .action(async (name: string, role: (typeof roles)[number], f: { json?: boolean }, cmd: Command) => {
      const u = await withUsers(cmd, (b) => b.update(name, { role }));
      printText(f.json ? toJson(u) : describeUser(u));
    });
  users.addCommand(tokenCommand());
  // Usage errors of nested commands must reach main() (exit 2), not end the process.
  const override = (c: Command): void => {
    c.exitOverride();
    for (const sub of c.commands) override(sub);
  };
  override(users);
  return users;
}
