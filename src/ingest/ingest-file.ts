import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { errorCodes, isNoSpace, MamoriError, messageOf, noSpaceError } from '../errors.js';
import { isGzip, rawDigest } from '../io/file-head.js';
import { log } from '../log.js';
import { BatchesLost } from '../store/batches-lost.js';
import type { DuplicateReport, Store } from '../store/store.js';
import type { EngineInput, EngineOutput } from './engine.js';
import { continuesFrom, forkedKey, noRecordReason, provenDifferent, streamKeyOf } from './file-identity.js';
import { dataDirOf, duplicateMessage, type FileOutcome, fail, noRows, unreadable } from './file-outcome.js';
import { finalLineIsComplete } from './final-line.js';
import { defaultMaxLineBytes } from './line-reader.js';
import { type EngineChoice, formatEngines } from './registry.js';
import { sniffFile } from './sniff-file.js';
import { ingestZeekJsonNative } from './zeek/zeek-json-native.js';
import { logTypeFromFileName } from './zeek/zeek-log-types.js';
import { ingestZeekTsvNative, NeedsJsEngine } from './zeek/zeek-tsv-native.js';

/** Options for ingesting files. */
export interface IngestFileOptions {
  readonly store: Store;
  readonly sensor: string;
  /** `sensor` is a default, not the user's word: a sensor named in the records wins (`_system_name`…). */
  readonly sensorFromData?: boolean;
  readonly tmpDir: string;
  readonly strict?: boolean;
  readonly engine?: EngineChoice;
  readonly maxLineBytes?: number;
  /** Per compressed file: the most bytes it may decompress to, and the largest expansion ratio. */
  readonly maxDecompressedBytes?: number;
  readonly maxGzipRatio?: number;
  /** A live directory (--follow): never parse a last line of a plain file that has no newline yet. */
  readonly live?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { file: string; rawBytes: number; rows: number }) => void;
}

export { dataDirOf, duplicateMessage, type FileOutcome } from './file-outcome.js';

const recentMs = 60_000;

/** Ingests one file: skips what the ledger has seen, resumes what grew, loads what is new. */
export async function ingestFile(path: string, opts: IngestFileOptions): Promise<FileOutcome> {
  const started = performance.now();
  try {
    const outcome = await ingestFileUnguarded(path, opts);
    log.debug(
      {
        file: path,
        status: outcome.status,
        format: outcome.format,
        logType: outcome.logType,
        engine: outcome.engine,
        rows: outcome.rows,
        rejects: outcome.rejects,
        ms: Math.round(performance.now() - started),
      },
      outcome.message ?? 'file done',
    );
    return outcome;
  } catch (err) {
    // Unreadable files (permissions, deleted mid-walk) fail alone; the run goes on.
    if (err instanceof BatchesLost || opts.signal?.aborted) throw err;
    if (isNoSpace(err)) throw noSpaceError(dataDirOf(opts), err);
    const base = { path, format: null, logType: null, engine: null, rows: 0, rejects: 0 } as const;
    return unreadable(base, err);
  }
}

async function ingestFileUnguarded(path: string, opts: IngestFileOptions): Promise<FileOutcome> {
  const base = { path, format: null, logType: null, engine: null, rows: 0, rejects: 0 } as const;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    return unreadable(base, err);
  }
  if (info.size === 0) return noRows(base, 'the file is empty (0 bytes)');
  const byPath = await opts.store.findByPath(path);
  if (byPath && byPath.rawSize === info.size && byPath.rawMtimeMs === info.mtimeMs) {
    return { ...base, status: 'unchanged', format: byPath.format, logType: byPath.logType };
  }
  const digest = await rawDigest(path, info.size);
  const seen = await opts.store.findByRawDigest(digest);
  // Equal samples: the bytes are compared in full when the known file is still there as it was read.
  const differsFrom = seen && (await provenDifferent(path, info.size, seen)) ? seen : null;
  if (seen && !differsFrom)
    return { ...base, status: 'unchanged', format: seen.format, logType: seen.logType };

  const gzip = await isGzip(path);
  const sniffed = await sniffFile(path, gzip, base, opts);
  if ('outcome' in sniffed) return sniffed.outcome;
  const { head, format } = sniffed;
  // A plain file under --follow, or written to in the last minute, may be a log Zeek is still
  // writing (a cron job over the spool): a last line without a newline is left for the next run,
  // unless outside --follow it is already a whole record.
  const static_ =
    gzip ||
    (!opts.live &&
      (Date.now() - info.mtimeMs > recentMs || (await finalLineIsComplete(path, info.size, format, head))));
  const finalLine = static_ ? 'parse' : 'leave';
  const identity = format === 'eve-array' ? { key: digest, headerText: '' } : streamKeyOf(head, finalLine);
  if (!identity) {
    // Not recorded in the ledger: the file is looked at again on every run until it holds a record.
    return noRows({ ...base, format }, noRecordReason(head, finalLine));
  }
  // The same start as a known log: its rotated copy, a grown version, or a different file that
  // merely begins alike (then it is a log of its own, under a forked key).
  let streamKey = identity.key;
  let prior = await opts.store.findByStreamKey(streamKey);
  for (let hop = 0; prior && hop < 2; hop++) {
    const cont = await continuesFrom(path, gzip, prior.consumedBytes, prior.anchor);
    // A plain file no longer than the known one, with the same size but other sampled bytes, or
    // proven different above, only looks like it near the anchor: it is a log of its own.
    const other =
      (differsFrom !== null &&
        prior.streamKey === differsFrom.streamKey &&
        prior.path === differsFrom.path) ||
      (!gzip && !cont.longer && info.size === prior.rawSize && digest !== prior.rawDigest);
    if (cont.matches && !other) {
      if (!cont.longer || prior.complete) {
        await opts.store.recordFile({
          ...prior,
          rawDigest: digest,
          path,
          rawSize: info.size,
          rawMtimeMs: info.mtimeMs,
        });
        return { ...base, status: 'unchanged', format, logType: prior.logType };
      }
      break;
    }
    log.debug(
      { file: path, like: prior.path },
      'starts like a known log but differs: reading it as a log of its own',
    );
    streamKey = forkedKey(streamKey, digest);
    prior = await opts.store.findByStreamKey(streamKey);
  }
  const known = prior;
  const resume = known !== null && known.consumedBytes > 0;
  const fileLogType = logTypeFromFileName(basename(path));
  const { engine: jsEngine, source } = formatEngines[format];
  const caps = opts.store.capabilities;
  const wantNative = (opts.engine ?? 'auto') !== 'js';
  if (opts.engine === 'native' && format === 'zeek-tsv' && !caps.nativeTsvLoad) {
    return fail(
      base,
      errorCodes.usage,
      `the ${opts.store.backend} store has no native TSV reader; use --engine js`,
    );
  }

  const batch = await opts.store.beginBatch({
    sensor: opts.sensor,
    sourceFile: path,
    engine: source,
    streamKey,
  });
  const input: EngineInput = {
    path,
    gzip,
    batch,
    startByte: resume ? known.consumedBytes : 0,
    startLine: resume ? known.consumedLines : 0,
    header: resume ? known.header : '',
    maxLineBytes: opts.maxLineBytes ?? defaultMaxLineBytes,
    maxDecompressedBytes: opts.maxDecompressedBytes,
    maxGzipRatio: opts.maxGzipRatio,
    strict: opts.strict ?? false,
    finalPartialLine: finalLine,
    tmpDir: opts.tmpDir,
    sensorFromData: opts.sensorFromData ?? false,
    signal: opts.signal,
    onProgress: (p) => opts.onProgress?.({ file: path, ...p }),
  };
  // The store's own readers where they apply; the JavaScript engines otherwise, or when they decline.
  const read = async (): Promise<{ out: EngineOutput; engine: 'native' | 'js' }> => {
    if (wantNative && format === 'zeek-tsv' && caps.nativeTsvLoad) {
      return { out: await ingestZeekTsvNative(input, fileLogType), engine: 'native' };
    }
    if (wantNative && format === 'zeek-json' && caps.nativeJsonLoad) {
      const native = await ingestZeekJsonNative(input, fileLogType);
      if (native) return { out: native, engine: 'native' };
      log.debug({ file: path }, 'JSON reader declined; reading line by line');
    }
    return { out: await jsEngine(input, fileLogType), engine: 'js' };
  };
  let out: EngineOutput;
  let engineUsed: 'native' | 'js';
  let duplicates: DuplicateReport = { rows: 0, heldBy: [] };
  try {
    try {
      ({ out, engine: engineUsed } = await read());
    } catch (err) {
      if (!(err instanceof NeedsJsEngine)) throw err;
      log.debug({ file: path, reason: err.message }, 'native engine declined; reading with the JS engine');
      // The native load wrote nothing yet; restart the file in a fresh batch with the JS engine.
      await batch.abort();
      return ingestFileUnguarded(path, { ...opts, engine: 'js' });
    }
    if (out.rejects.length > 0) await batch.addRejects(out.rejects);
    duplicates = await batch.dropDuplicates();
    out.rows -= duplicates.rows;
    const rewritten = out.resumeAnchor !== null && out.resumeAnchor !== known?.anchor;
    if (resume && (out.consumedBytes < known.consumedBytes || rewritten)) {
      throw new MamoriError(
        errorCodes.badInput,
        `${path}: its first ${known.consumedBytes} bytes differ from what was ingested before (rewritten, not appended to); nothing was added`,
      );
    }
    await opts.store.recordFile({
      streamKey,
      rawDigest: digest,
      path,
      rawSize: info.size,
      rawMtimeMs: info.mtimeMs,
      format,
      logType: out.logType,
      consumedBytes: out.consumedBytes,
      consumedLines: out.consumedLines,
      anchor: out.anchor,
      header: out.header || known?.header || identity.headerText,
      complete: gzip || out.closed || format === 'eve-array',
      rows: (known?.rows ?? 0) + out.rows,
      rejects: (known?.rejects ?? 0) + out.rejects.length,
    });
    await batch.commit();
  } catch (err) {
    // The store undid other files' batches too: the caller must read them again.
    if (err instanceof BatchesLost) throw err;
    if (isNoSpace(err)) {
      // A full disk stops the run: every later file would fail the same way. What this batch wrote is
      // undone (or lost with the transaction) and the ledger never names the file, so it is read again.
      await batch.abort().catch(() => {});
      throw noSpaceError(dataDirOf(opts), err);
    }
    await batch.abort();
    if (err instanceof MamoriError)
      return { ...base, format, status: 'failed', message: err.message, error: err };
    if (opts.signal?.aborted) throw err;
    return fail(base, errorCodes.io, `${path}: ${messageOf(err)}`, err);
  }
  if (!resume && out.rows + duplicates.rows === 0 && out.rejects.length > 0) {
    // Every line was bad: the rejects are kept, but the file counts as not ingested.
    const message = `${path}: none of its ${out.rejects.length} records could be read (first: line ${out.rejects[0]?.line}: ${out.rejects[0]?.reason}); they are kept in the rejects table`;
    return {
      ...base,
      status: 'failed',
      format,
      logType: out.logType,
      rejects: out.rejects.length,
      message,
      ...(out.notes.length > 0 ? { notes: out.notes } : {}),
      error: new MamoriError(errorCodes.badInput, message),
    };
  }
  if (!resume && out.rows + duplicates.rows === 0) {
    // Read to the end, yet nothing in it was a record (a defensive case: the head had one).
    const lines = `${out.consumedLines} line${out.consumedLines === 1 ? '' : 's'}`;
    return {
      ...noRows(
        { ...base, format, logType: out.logType, engine: engineUsed },
        `read ${lines}, none of them a record the ${out.logType} reader keeps`,
      ),
      ...(out.notes.length > 0 ? { notes: out.notes } : {}),
    };
  }
  return {
    path,
    status: resume ? 'resumed' : 'ingested',
    format,
    logType: out.logType,
    engine: engineUsed,
    rows: out.rows,
    rejects: out.rejects.length,
    ...(out.notes.length > 0 ? { notes: out.notes } : {}),
    ...(duplicates.rows > 0 ? { duplicates, message: duplicateMessage(path, out.logType, duplicates) } : {}),
  };
}
