import { Command, Option } from 'commander';
import { roles } from '../../../domain/identity.js';
import { printText, renderTable, toJson } from '../../output.js';
import { parseExpiry } from './user-options.js';
import { withUsers } from './users-backend.js';

/** `mamori users token create|list|revoke`: API tokens for scripts. */
export function tokenCommand(): Command {
  const token = new Command('token').description('API tokens for scripts (Authorization: Bearer mam_…)');
  token
    .command('create')
    .description('Create a token for a user; the secret is printed once, only its hash is kept')
    .argument('<name>', 'the user the token acts as')
    .requiredOption('--label <text>', 'what the token is for')
    .addOption(new Option('--role <role>', "a lower role than the user's").choices(roles))
    .option('--expires <when>', 'expiry: 90d, 12h or a date (default: never)', (v) => parseExpiry(v))
    .option('--json', 'print the token and its secret as JSON')
    .action(
      async (
        name: string,
        f: { label: string; role?: (typeof roles)[number]; expires?: string; json?: boolean },
        cmd: Command,
      ) => {
        const r = await withUsers(cmd, (b) =>
          b.createToken({
            user: name,
            label: f.label,
            ...(f.role ? { role: f.role } : {}),
            ...(f.expires ? { expiresAt: f.expires } : {}),
          }),
        );
        if (f.json) return printText(toJson(r));
        printText(r.secret);
        process.stderr.write(
          `token ${r.token.id} for ${name} (${r.token.role}${r.token.expiresAt ? `, expires ${r.token.expiresAt}` : ''}): store the secret now, it is not shown again\n`,
        );
      },
    );
  token
    .command('list')
    .description('List live tokens (of one user, or all)')
    .argument('[name]', "only this user's tokens")
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, f: { json?: boolean }, cmd: Command) => {
      const list = await withUsers(cmd, (b) => b.listTokens(name));
      if (f.json) return printText(toJson(list));
      printText(
        renderTable(
          ['id', 'userId', 'label', 'role', 'createdAt', 'expiresAt', 'lastUsedAt'],
          list as unknown as Record<string, unknown>[],
        ),
      );
    });
  token
    .command('revoke')
    .description('Revoke a token by id (tok-…)')
    .argument('<id>')
    .option('--json', 'print {revoked: id} as JSON')
    .action(async (id: string, f: { json?: boolean }, cmd: Command) => {
      await withUsers(cmd, (b) => b.revokeToken(id));
      printText(f.json ? toJson({ revoked: id }) : `revoked ${id}`);
    });
  return token;
}
