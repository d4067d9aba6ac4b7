import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoute, type UploadedFile } from '../../src/server/api/api-route.js';
import { startTestServer, type TestServer } from './server-harness.js';

let seen: UploadedFile[] = [];
// A test-only upload route that reads what was spooled.
const upload = apiRoute({
  method: 'POST',
  path: '/test/upload',
  operationId: 'testUpload',
  summary: 'test',
  tags: ['test'],
  role: 'analyst',
  upload: true,
  body: z.object({ sensor: z.string().optional() }),
  response: z.object({
    files: z.array(z.object({ name: z.string(), bytes: z.number(), text: z.string() })),
    sensor: z.string().nullable(),
  }),
  handler: async (req) => {
    seen = [...req.files];
    return {
      files: req.files.map((f) => ({ name: f.fileName, bytes: f.bytes, text: readFileSync(f.path, 'utf8') })),
      sensor: req.body.sensor ?? null,
    };
  },
});

describe('15.7: multipart uploads', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { server: { uploadLimitMb: 1 } }, extraRoutes: [upload] });
  });
  afterAll(() => t.close());

  it('15.7: spools files under generated names in <data>/tmp/uploads; the client name is only a label', async () => {
    const form = new FormData();
    form.append('sensor', 'edge-1');
    form.append('file', new Blob(['#fields\tts\n']), '../../../etc/passwd');
    const r = await fetch(`${t.api}/test/upload`, { method: 'POST', body: form });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      files: [{ name: expect.stringMatching(/passwd$/), bytes: 11, text: '#fields\tts\n' }],
      sensor: 'edge-1',
    });
    const path = seen[0]?.path ?? '';
    expect(dirname(path)).toBe(`${t.dataDir}/tmp/uploads`);
    expect(path).toMatch(/upload-\d+-[A-Za-z0-9_-]+$/);
  });

  it('15.7: a route that takes no files refuses a multipart body with 415', async () => {
    const form = new FormData();
    form.append('name', 'partner');
    const r = await fetch(`${t.api}/organisations`, { method: 'POST', body: form });
    expect(r.status).toBe(415);
    expect(await r.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('15.7: a file over server.uploadLimitMb is 413 and leaves nothing behind', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(1024 * 1024 + 10, 0x61)]), 'big.log');
    const r = await fetch(`${t.api}/test/upload`, { method: 'POST', body: form });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const dir = `${t.dataDir}/tmp/uploads`;
    const left = existsSync(dir) ? readdirSync(dir).filter((f) => !seen.some((s) => s.path.endsWith(f))) : [];
    expect(left).toEqual([]);
  });
});
