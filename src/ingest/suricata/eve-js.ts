import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import { formatBytes } from '../../format-bytes.js';
import { type EngineInput, type EngineOutput, rowSink } from '../engine.js';
import { maxJsonDepth, valueNestsDeeper } from '../json-depth.js';
import { ingestNdjson } from '../ndjson.js';
import { failOnReject } from '../strict.js';
import { FieldError } from '../zeek/zeek-row-plan.js';
import { mapEveEvent } from './eve-mapper.js';

/** Reads Suricata EVE JSON lines. */
export function ingestEve(input: EngineInput): Promise<EngineOutput> {
  return ingestNdjson(input, 'eve', mapEveEvent);
}

const maxArrayBytes = 512 * 1024 * 1024;

/** Reads a JSON array of EVE events (the alerts-only samples); "lines" in rejects are 1-based array positions. */
export async function ingestEveArray(input: EngineInput): Promise<EngineOutput> {
  const raw = await readFile(input.path);
  const limit = Math.min(maxArrayBytes, input.maxDecompressedBytes ?? maxArrayBytes);
  let bytes: Buffer = raw;
  if (input.gzip) {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: limit });
    } catch (err) {
      // The whole array is parsed at once, so it must fit in memory: it is bounded like a bomb.
      const why =
        err instanceof RangeError
          ? `decompresses to more than ${limit} bytes (${formatBytes(limit)}; --max-decompressed-bytes; a JSON array, read whole, at most ${formatBytes(maxArrayBytes)})`
          : messageOf(err);
      throw new MamoriError(errorCodes.badInput, `${input.path}: ${why}; nothing from this file was stored`);
    }
  }
  let events: unknown;
  try {
    events = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new MamoriError(
      errorCodes.badInput,
      `${input.path}: not a valid JSON array of EVE events: ${messageOf(err)}`,
    );
  }
  if (!Array.isArray(events)) {
    throw new MamoriError(errorCodes.badInput, `${input.path}: expected a JSON array of EVE events`);
  }
  const out: EngineOutput = {
    rows: 0,
    rejects: [],
    consumedBytes: bytes.length,
    consumedLines: events.length,
    anchor: '',
    header: '',
    logType: 'eve',
    closed: true,
    resumeAnchor: null,
    notes: [],
  };
  const append = rowSink(input.batch);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const tooDeep = valueNestsDeeper(e);
    const row = tooDeep
      ? new FieldError(`nests more than ${maxJsonDepth} levels deep`)
      : e !== null && typeof e === 'object' && !Array.isArray(e)
        ? mapEveEvent(e as Record<string, unknown>)
        : new FieldError('array element is not an object');
    if (row instanceof FieldError) {
      out.rejects.push({
        file: input.path,
        line: i + 1,
        reason: `element ${i + 1}: ${row.reason}`,
        // Serialising a value that deep would overflow the stack as well.
        raw: tooDeep ? '' : (JSON.stringify(e) ?? ''),
      });
      failOnReject(input.strict, out.rejects);
      continue;
    }
    const pending = append(row.table, row.values, row.extra);
    if (pending) await pending;
    out.rows += 1;
  }
  input.onProgress?.({ rawBytes: raw.length, rows: out.rows });
  return out;
}
