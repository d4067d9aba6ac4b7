import type { TelemetryTableName } from '../store/schema/tables.js';
import type { CellValue, IngestBatch, RejectRecord } from '../store/store.js';
import type { LineReaderOptions, LineReaderResult } from './line-reader.js';

/** Everything an engine needs to read one file into a batch. */
export interface EngineInput {
  readonly path: string;
  readonly gzip: boolean;
  readonly batch: IngestBatch;
  /** Decompressed bytes and lines already ingested (a resumed file); 0 for a new one. */
  readonly startByte: number;
  readonly startLine: number;
  /** The header text remembered for a resumed Zeek TSV file. */
  readonly header: string;
  readonly maxLineBytes: number;
  /** Limits on a compressed file's decompressed size and ratio; undefined: the defaults. */
  readonly maxDecompressedBytes?: number;
  readonly maxGzipRatio?: number;
  readonly strict: boolean;
  readonly finalPartialLine: 'parse' | 'leave';
  readonly tmpDir: string;
  /** The batch's sensor is only a default: a sensor the records name (`_system_name`…) wins. */
  readonly sensorFromData?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { rawBytes: number; rows: number }) => void;
}

/** What an engine read. */
export interface EngineOutput {
  rows: number;
  rejects: RejectRecord[];
  consumedBytes: number;
  consumedLines: number;
  anchor: string;
  header: string;
  logType: string;
  /** The file said it is finished (Zeek's `#close`). */
  closed: boolean;
  /** Hash of the bytes before the resume point, as the file holds them now. */
  resumeAnchor: string | null;
  /** What the user should know about how the file was read, such as a log type guessed from its name. */
  notes: string[];
}

/** Reads one format. */
export type Engine = (input: EngineInput, fileLogType: string | null) => Promise<EngineOutput>;

/** Rows are appended to the batch in chunks of this size between awaits. */
export const progressEvery = 8192;

/** An engine's output before reading; rejects are shared with the line reader's. */
export function startOutput(reader: LineReaderResult, header: string, logType: string): EngineOutput {
  return {
    rows: 0,
    rejects: reader.rejects,
    consumedBytes: 0,
    consumedLines: 0,
    anchor: '',
    header,
    logType,
    closed: false,
    resumeAnchor: null,
    notes: [],
  };
}

/** Line reader options for an engine's input; `onRawBytes` receives compressed bytes read so far. */
export function readerOptions(input: EngineInput, onRawBytes: (bytes: number) => void): LineReaderOptions {
  return {
    path: input.path,
    gzip: input.gzip,
    startByte: input.startByte,
    startLine: input.startLine,
    maxLineBytes: input.maxLineBytes,
    maxDecompressedBytes: input.maxDecompressedBytes,
    maxGzipRatio: input.maxGzipRatio,
    finalPartialLine: input.finalPartialLine,
    signal: input.signal,
    onRawBytes,
  };
}

/** Copies where the reader stopped into the output. */
export function finishOutput(out: EngineOutput, reader: LineReaderResult): void {
  out.consumedBytes = reader.consumedBytes;
  out.consumedLines = reader.consumedLines;
  out.anchor = reader.anchor;
  out.resumeAnchor = reader.resumeAnchor;
}

/**
 * Appends one row, with the sensor the record names (null: the batch's); returns a promise only the
 * first time a table is used (await it then).
 */
export type RowSink = (
  table: TelemetryTableName,
  values: readonly CellValue[],
  extra: string | null,
  sensor?: string | null,
) => Promise<void> | undefined;

/** A row sink over a batch; the hot path stays synchronous. */
export function rowSink(batch: IngestBatch): RowSink {
  const ready = new Set<TelemetryTableName>();
  return (table, values, extra, sensor = null) => {
    if (ready.has(table)) {
      batch.append(table, values, extra, sensor);
      return undefined;
    }
    return batch.prepare(table).then(() => {
      ready.add(table);
      batch.append(table, values, extra, sensor);
    });
  };
}
