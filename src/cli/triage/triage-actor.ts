import { userInfo } from 'node:os';
import { errorCodes, MamoriError } from '../../errors.js';

/** Who is acting: `--by`, else the OS user name (some containers have no passwd entry). */
export function triageActor(by: string | undefined): string {
  if (by !== undefined) {
    const name = by.trim();
    if (!name) throw new MamoriError(errorCodes.usage, 'option --by: a name is required');
    return name;
  }
  try {
    return userInfo().username || process.env['USER'] || 'unknown';
  } catch {
    return process.env['USER'] || 'unknown';
  }
}
