import { createInterface } from 'node:readline';
import { errorCodes, MamoriError } from '../../../errors.js';
import { password as passwordSchema } from '../../../server/api/schemas/identity-schemas.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks once on the terminal without echoing what is typed. */
function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Echo nothing but the question: the password never appears on screen.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stderr.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** A new password: from stdin with --password-stdin, else typed twice on a terminal. */
export async function readNewPassword(fromStdin: boolean): Promise<string> {
  let pw: string;
  if (fromStdin) pw = await readStdin();
  else {
    if (!process.stdin.isTTY)
      throw new MamoriError(
        errorCodes.usage,
        'no terminal to ask the password on: pipe it in with --password-stdin',
      );
    pw = await ask('Password: ');
    if ((await ask('Again: ')) !== pw) throw new MamoriError(errorCodes.usage, 'the two passwords differ');
  }
  const ok = passwordSchema.safeParse(pw);
  if (!ok.success)
    throw new MamoriError(errorCodes.usage, `password: ${ok.error.issues[0]?.message ?? 'invalid'}`);
  return pw;
}
