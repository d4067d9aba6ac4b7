import { type Command, Option } from 'commander';
import { defaultMaxDecompressedBytes, defaultMaxGzipRatio } from '../ingest/gzip-stream.js';
import { defaultMaxLineBytes } from '../ingest/line-reader.js';
import { numberOption, optionSchemas } from './options.js';

/** The per-file reading limits `ingest` and `hunt` accept. */
export interface IngestLimitFlags {
  maxLineBytes: number;
  maxDecompressedBytes: number;
  maxGzipRatio: number;
}

/** Adds `--max-line-bytes`, `--max-decompressed-bytes` and `--max-gzip-ratio` to a command. */
export function addIngestLimitOptions(cmd: Command): Command {
  return cmd
    .option(
      '--max-line-bytes <n>',
      'longer lines are rejected (1024 to 16777216)',
      numberOption('--max-line-bytes', optionSchemas.lineBytes),
      defaultMaxLineBytes,
    )
    .addOption(
      new Option(
        '--max-decompressed-bytes <n>',
        'a compressed file that expands past this many bytes (1 MiB to 16 TiB) fails, and none of it is stored',
      )
        .argParser(numberOption('--max-decompressed-bytes', optionSchemas.decompressedBytes))
        .default(defaultMaxDecompressedBytes, '64 GiB'),
    )
    .option(
      '--max-gzip-ratio <r>',
      `a compressed file that expands more than r:1 (judged past its first 64 MiB) fails as a decompression bomb (10 to 100000)`,
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
