import { isUtf8 } from 'node:buffer';
import type { TelemetryTableName } from '../store/schema/tables.js';
import type { CellValue } from '../store/store.js';
import type { EngineInput, EngineOutput } from './engine.js';
import { finishOutput, progressEvery, readerOptions, rowSink, startOutput } from './engine.js';
import { jsonDepthOver, maxJsonDepth } from './json-depth.js';
import { newLineReaderResult, readLineBlocks } from './line-reader.js';
import { failOnReject } from './strict.js';
import { FieldError } from './zeek/zeek-row-plan.js';
import { splitRaw } from './zeek/zeek-tsv-js.js';

/** A parsed JSON record as a row (with the sensor it names, if any), or the reason it is rejected. */
export type RecordMapper = (
  record: Record<string, unknown>,
) =>
  | { table: TelemetryTableName; values: CellValue[]; extra: string | null; sensor?: string | null }
  | FieldError;

/** Shared loop of the JSON-lines engines: parse each line, map it, append it or reject it. */
export async function ingestNdjson(
  input: EngineInput,
  logType: string,
  map: RecordMapper,
): Promise<EngineOutput> {
  const reader = newLineReaderResult();
  const out = startOutput(reader, '', logType);
  const append = rowSink(input.batch);
  let rawBytes = 0;
  const reject = (line: number, reason: string, raw: string) => {
    out.rejects.push({ file: input.path, line, reason, raw });
    failOnReject(input.strict, out.rejects);
  };
  const blocks = readLineBlocks(
    readerOptions(input, (b) => {
      rawBytes = b;
    }),
    reader,
  );
  for await (const block of blocks) {
    const valid = isUtf8(block.buf);
    const raws = valid ? null : splitRaw(block.buf);
    const lines = block.buf.toString('utf8', 0, block.buf.length - 1).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const lineNo = block.firstLine + i;
      const line = lines[i] as string;
      if (raws && !isUtf8(raws[i] as Buffer)) {
        reject(lineNo, 'line holds bytes that are not UTF-8', line);
        continue;
      }
      // Blank lines and `#` comment lines (such as a test banner) are not records.
      if (line.trim() === '' || line.startsWith('#')) continue;
      const depth = jsonDepthOver(line);
      if (depth > 0) {
        reject(
          lineNo,
          `JSON nests ${depth} levels deep, over the limit of ${maxJsonDepth}`,
          line.slice(0, 65536),
        );
        continue;
      }
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (err) {
        reject(lineNo, `not valid JSON: ${(err as Error).message}`, line);
        continue;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        reject(lineNo, 'line is JSON but not an object', line);
        continue;
      }
      const row = map(record as Record<string, unknown>);
      if (row instanceof FieldError) {
        reject(lineNo, row.reason, line);
        continue;
      }
      const pending = append(row.table, row.values, row.extra, row.sensor);
      if (pending) await pending;
      out.rows += 1;
      if (out.rows % progressEvery === 0) input.onProgress?.({ rawBytes, rows: out.rows });
    }
  }
  failOnReject(input.strict, out.rejects);
  finishOutput(out, reader);
  input.onProgress?.({ rawBytes, rows: out.rows });
  return out;
}
