import { type Command, Option } from 'commander';
import { formatBytes } from '../format-bytes.js';
import { defaultMaxLineBytes } from '../ingest/line-reader.js';
import { defaultMaxDecompressedBytes, defaultMaxGzipRatio, ratioGraceBytes } from '../io/gzip-stream.js';
import { numberOption, optionSchemas } from './options.js';

/** The per-file reading limits `ingest` and `hunt` accept. */
export interface IngestLimitFlags {
  maxLineBytes: number;
  maxDecompressedBytes: number;
  maxGzipRatio: number;
}

/** The bounds of a byte-count option: exact, as it is typed, and in the units every output uses. */
function range(schema: { minValue: number | null; maxValue: number | null }): string {
  const [min, max] = [schema.minValue ?? 0, schema.maxValue ?? 0];
  return `${min} to ${max} bytes: ${formatBytes(min)} to ${formatBytes(max)}`;
}

/** Adds `--max-line-bytes`, `--max-decompressed-bytes` and `--max-gzip-ratio` to a command. */
export function addIngestLimitOptions(cmd: Command): Command {
  return cmd
    .option(
      '--max-line-bytes <n>',
      `longer lines are rejected (${range(optionSchemas.lineBytes)})`,
      numberOption('--max-line-bytes', optionSchemas.lineBytes),
      defaultMaxLineBytes,
    )
    .addOption(
      new Option(
        '--max-decompressed-bytes <n>',
        `a compressed file that expands past this many bytes (${range(optionSchemas.decompressedBytes)}) fails, and none of it is stored`,
      )
        .argParser(numberOption('--max-decompressed-bytes', optionSchemas.decompressedBytes))
        .default(
          defaultMaxDecompressedBytes,
          `${defaultMaxDecompressedBytes} = ${formatBytes(defaultMaxDecompressedBytes)}`,
        ),
    )
    .option(
      '--max-gzip-ratio <r>',
      `a compressed file that expands more than r:1 (judged past its first ${formatBytes(ratioGraceBytes)}) fails as a decompression bomb (10 to 100000)`,
      numberOption('--max-gzip-ratio', optionSchemas.gzipRatio),
      defaultMaxGzipRatio,
    );
}

/** The limits as ingest options. */
export function ingestLimits(flags: IngestLimitFlags): IngestLimitFlags {
  return {
    maxLineBytes: flags.maxLineBytes,
    maxDecompressedBytes: flags.maxDecompressedBytes,
    maxGzipRatio: flags.maxGzipRatio,
  };
}
