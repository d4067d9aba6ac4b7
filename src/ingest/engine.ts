import type { IngestBatch, RejectRecord } from '../store/store.js';

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
  readonly strict: boolean;
  readonly finalPartialLine: 'parse' | 'leave';
  readonly tmpDir: string;
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
}

/** Reads one format. */
export type Engine = (input: EngineInput, fileLogType: string | null) => Promise<EngineOutput>;

/** Rows are appended to the batch in chunks of this size between awaits. */
export const progressEvery = 8192;
