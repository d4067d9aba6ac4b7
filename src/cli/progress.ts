import cliProgress from 'cli-progress';
import { visibleText } from '../report/visible-text.js';
import { formatBytes } from './output.js';

/** Progress reporting for long work: a bar on a terminal, nothing otherwise. */
export interface Progress {
  update(rawBytes: number, rows: number, file: string): void;
  stop(): void;
}

/** A bytes-and-rows-per-second bar on stderr when it is a TTY and output is for humans. */
export function createProgress(totalBytes: number, enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {percentage}% | {done}/{total_h} | {rate} | {rowRate} rows/s | {file}',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(Math.max(totalBytes, 1), 0, {
    done: '0 B',
    total_h: formatBytes(totalBytes),
    rate: '',
    rowRate: 0,
    file: '',
  });
  return {
    update(rawBytes, rows, file) {
      const s = Math.max((performance.now() - started) / 1000, 0.001);
      // A file name may hold escape sequences; the bar shows its last 40 visible characters.
      const shown = [...visibleText(file)];
      bar.update(Math.min(rawBytes, totalBytes), {
        done: formatBytes(rawBytes),
        total_h: formatBytes(totalBytes),
        rate: `${formatBytes(rawBytes / s)}/s`,
        rowRate: Math.round(rows / s),
        file: shown.length > 40 ? `…${shown.slice(-39).join('')}` : shown.join(''),
      });
    },
    stop() {
      bar.stop();
    },
  };
}

/** A step counter ("detector 3/9: beaconing") on stderr when it is a TTY and output is for humans. */
export function createStepProgress(
  total: number,
  enabled: boolean,
): { step(name: string): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { step: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {value}/{total} | {name}',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { name: '' });
  let done = 0;
  return {
    step(name) {
      bar.update(done++, { name: visibleText(name) });
    },
    stop() {
      bar.stop();
    },
  };
}
