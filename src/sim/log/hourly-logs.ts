import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { zeekHeaderLines } from '../zeek-writer.js';
import { type SimLog, simLogs, simulatorLayouts } from './zeek-layouts.js';

const gzipAsync = promisify(gzip);

/** Records of one log: parallel arrays of log times and lines (fewer objects for the collector). */
interface Bucket {
  times: number[];
  lines: string[];
}

function stamp(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', '-').replaceAll(':', '-');
}

const hh = (n: number) => String(n % 24).padStart(2, '0');

/** Path of one hourly log, as Zeek's rotation names it: `<YYYY-MM-DD>/conn.13-00-00-14-00-00.log.gz`. */
export function hourlyLogPath(dir: string, log: SimLog, hourStart: number): string {
  const d = new Date(hourStart * 1000);
  const h = d.getUTCHours();
  return join(dir, d.toISOString().slice(0, 10), `${log}.${hh(h)}-00-00-${hh(h + 1)}-00-00.log.gz`);
}

function emptyBuckets(): Record<SimLog, Bucket> {
  return Object.fromEntries(simLogs.map((l) => [l, { times: [], lines: [] }])) as unknown as Record<
    SimLog,
    Bucket
  >;
}

/**
 * The file's bytes: header, lines in logging order, footer. Every generated string is ASCII, so each
 * character is one byte and lines can be copied straight into one buffer.
 */
function render(head: string, b: Bucket, footer: string): Buffer {
  const order = Array.from(b.times.keys());
  order.sort((x, y) => (b.times[x] as number) - (b.times[y] as number) || x - y);
  let size = head.length + footer.length;
  for (const line of b.lines) size += line.length + 1;
  const buf = Buffer.allocUnsafe(size);
  let at = buf.write(head, 0, 'latin1');
  for (const i of order) {
    at += buf.write(b.lines[i] as string, at, 'latin1');
    buf[at++] = 10;
  }
  buf.write(footer, at, 'latin1');
  return buf;
}

/**
 * Log lines of the hour being simulated, written as Zeek's hourly rotation does: a record goes to the
 * file of the hour it is logged in (a connection when it ends), in logging order. Records logged in
 * a later hour wait; at the end of the run they go to the last file, as when Zeek shuts down.
 * Compression of one hour overlaps with generating the next.
 */
export class HourlyLogs {
  private current = emptyBuckets();
  private later = emptyBuckets();
  private hourStart = 0;
  private hourEnd = 0;
  private writing: Promise<void> = Promise.resolve();
  readonly rows = Object.fromEntries(simLogs.map((l) => [l, 0])) as Record<SimLog, number>;
  files = 0;
  rawBytes = 0;

  constructor(
    private readonly dir: string,
    private readonly gzipLevel = 1,
  ) {}

  /** Starts collecting the hour beginning at epoch seconds `hourStart`. */
  beginHour(hourStart: number): void {
    this.hourStart = hourStart;
    this.hourEnd = hourStart + 3600;
    for (const log of simLogs) {
      const waiting = this.later[log];
      if (waiting.times.length === 0) continue;
      const keep: Bucket = { times: [], lines: [] };
      const now = this.current[log];
      waiting.times.forEach((t, i) => {
        const into = t < this.hourEnd ? now : keep;
        into.times.push(t);
        into.lines.push(waiting.lines[i] as string);
      });
      this.later[log] = keep;
    }
  }

  /** One record, logged at `logTime` (epoch seconds). */
  add(log: SimLog, logTime: number, line: string): void {
    const b = (logTime < this.hourEnd ? this.current : this.later)[log];
    b.times.push(logTime);
    b.lines.push(line);
  }

  /** Writes the hour's files (with everything still waiting when `last`). */
  async endHour(last = false): Promise<void> {
    const jobs: { path: string; data: Buffer }[] = [];
    for (const log of simLogs) {
      const b = this.current[log];
      this.current[log] = { times: [], lines: [] };
      if (last) {
        const w = this.later[log];
        for (let i = 0; i < w.times.length; i++) {
          b.times.push(w.times[i] as number);
          b.lines.push(w.lines[i] as string);
        }
        this.later[log] = { times: [], lines: [] };
      }
      if (b.lines.length === 0) continue;
      const layout = simulatorLayouts[log];
      const head = `${zeekHeaderLines(log, layout.fields, layout.types, stamp(this.hourStart)).join('\n')}\n`;
      const data = render(head, b, `#close\t${stamp(this.hourEnd)}\n`);
      this.rows[log] += b.lines.length;
      this.files += 1;
      this.rawBytes += data.length;
      jobs.push({ path: hourlyLogPath(this.dir, log, this.hourStart), data });
    }
    // One hour in flight at a time keeps memory bounded while zlib works beside the generator.
    await this.writing;
    const level = this.gzipLevel;
    this.writing = (async () => {
      if (jobs.length > 0) await mkdir(join(jobs[0]?.path as string, '..'), { recursive: true });
      await Promise.all(jobs.map(async (j) => writeFile(j.path, await gzipAsync(j.data, { level }))));
    })();
    if (last) await this.writing;
  }

  /** Waits for the last write, so a run that stops early leaves no write running behind it. */
  async settle(): Promise<void> {
    await this.writing.catch(() => {});
  }
}
