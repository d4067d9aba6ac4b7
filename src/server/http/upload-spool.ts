import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-error.js';
import type { UploadedFile } from '../api/api-route.js';
import { newSecret } from '../auth/secrets.js';

/** Where uploads are spooled: `<data>/tmp/uploads/`, under names the server makes up. */
export function uploadDir(dataDir: string): string {
  return join(dataDir, 'tmp', 'uploads');
}

/** A multipart request's files spooled to disk, and its plain fields as a body object. */
export async function spoolUploads(
  req: FastifyRequest,
  dir: string,
): Promise<{ files: UploadedFile[]; fields: Record<string, string> }> {
  mkdirSync(dir, { recursive: true });
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  const written: string[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      // The client's file name is attacker input: kept as a label, never used as a path.
      const path = join(dir, `upload-${Date.now()}-${newSecret(9)}`);
      written.push(path);
      let bytes = 0;
      part.file.on('data', (b: Buffer) => {
        bytes += b.length;
      });
      await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
      files.push({ fieldName: part.fieldname, fileName: part.filename, path, bytes });
      if (part.file.truncated)
        throw new ApiError('tooLarge', `file ${part.filename.slice(0, 200)} is over the upload limit`);
    }
  } catch (err) {
    for (const p of written) rmSync(p, { force: true });
    throw err;
  }
  return { files, fields };
}
