import { useEffect, useMemo, useRef } from 'react';
import type { PairSeries } from '../../api/types.js';
import { bytes } from '../../ui/format.js';
import { effectiveTheme } from '../../ui/theme.js';
import { echarts } from './echarts-setup.js';

type Option = Parameters<ReturnType<typeof echarts.init>['setOption']>[0];

/** "90 s", "2.5 min", "2 h": an interval bucket's label (one decimal, so neighbours differ). */
function secondsLabel(s: number): string {
  if (!Number.isFinite(s)) return 'longer';
  const one = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  if (s < 120) return `${one(s)} s`;
  if (s < 7200) return `${one(Math.round(s / 6) / 10)} min`;
  return `${one(Math.round(s / 360) / 10)} h`;
}

// Tooltips render as canvas rich text (renderMode 'richText'), never HTML, and the formatters only
// print numbers and our own words; no string from the data reaches a chart.
function histogramOption(data: PairSeries): Option {
  // Buckets are [from, to) seconds, log-spaced: label each by its lower edge (the last is open).
  const labels = data.intervals.map((b) =>
    b.to === null ? `≥ ${secondsLabel(b.from)}` : secondsLabel(b.from),
  );
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      formatter: (p: unknown) => {
        const first = (Array.isArray(p) ? p[0] : p) as { dataIndex: number } | undefined;
        const b = first ? data.intervals[first.dataIndex] : undefined;
        if (!b) return '';
        const upper = b.to === null ? 'longer' : secondsLabel(b.to);
        return `${b.count} gap(s) of ${secondsLabel(b.from)} to ${upper}`;
      },
    },
    xAxis: {
      type: 'category',
      data: labels,
      name: 'seconds between connections',
      nameLocation: 'middle',
      nameGap: 26,
    },
    yAxis: { type: 'value', name: 'count', minInterval: 1 },
    series: [
      { type: 'bar', name: 'intervals', data: data.intervals.map((b) => b.count), barCategoryGap: '10%' },
    ],
  };
}

function bytesOption(data: PairSeries): Option {
  const t = (i: number) => data.series[i]?.t ?? '';
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 32, bottom: 56 },
    legend: { top: 0, data: ['out', 'in'] },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      formatter: (p: unknown) => {
        const first = (Array.isArray(p) ? p[0] : p) as { dataIndex: number } | undefined;
        const row = first ? data.series[first.dataIndex] : undefined;
        if (!row) return '';
        const when = Number.isNaN(Date.parse(row.t))
          ? ''
          : new Date(row.t).toISOString().slice(0, 16).replace('T', ' ');
        return `${when}Z\nout ${bytes(row.bytesOut)} · in ${bytes(row.bytesIn)} · ${row.connections} conn.`;
      },
    },
    xAxis: {
      type: 'category',
      data: data.series.map((_, i) => {
        const ms = Date.parse(t(i));
        return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
      }),
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => bytes(v) } },
    dataZoom: data.series.length > 200 ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }] : [],
    series: [
      { type: 'bar', name: 'out', stack: 'b', data: data.series.map((r) => r.bytesOut), large: true },
      { type: 'bar', name: 'in', stack: 'b', data: data.series.map((r) => r.bytesIn), large: true },
    ],
  };
}

function Chart({
  option,
  testId,
  label,
  points,
  onRendered,
}: {
  option: Option;
  testId: string;
  label: string;
  /** How many values it plots above zero (a page reader's check that it is not empty). */
  points: number;
  onRendered: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const done = useRef(onRendered);
  done.current = onRendered;
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, effectiveTheme() === 'dark' ? 'dark' : undefined, {
      renderer: 'canvas',
    });
    // Without animation the first frame renders inside setOption: listen first.
    chart.on('finished', () => done.current());
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return (
    <div
      ref={box}
      className="chart"
      data-testid={testId}
      data-points={points}
      role="img"
      aria-label={label}
    />
  );
}

/**
 * A pair's beacon-interval histogram (a beacon is one tall bar) and its bytes over time. Lazy:
 * ECharts loads only with the incident page.
 */
export default function PairCharts({ data, onRendered }: { data: PairSeries; onRendered: () => void }) {
  const rendered = useRef(new Set<string>());
  const mark = (name: string) => {
    rendered.current.add(name);
    if (rendered.current.size === 2) onRendered();
  };
  const histogram = useMemo(() => histogramOption(data), [data]);
  const traffic = useMemo(() => bytesOption(data), [data]);
  const total = data.intervals.reduce((s, b) => s + b.count, 0);
  return (
    <div className="pair-charts">
      <figure>
        <figcaption>
          Beacon intervals <span className="muted">({total} gaps)</span>
        </figcaption>
        <Chart
          option={histogram}
          testId="beacon-histogram"
          points={data.intervals.filter((b) => b.count > 0).length}
          label="Histogram of seconds between connections"
          onRendered={() => mark('h')}
        />
      </figure>
      <figure>
        <figcaption>Bytes over time</figcaption>
        <Chart
          option={traffic}
          testId="bytes-chart"
          points={data.series.filter((r) => r.bytesOut + r.bytesIn > 0).length}
          label="Bytes out and in over time"
          onRendered={() => mark('b')}
        />
      </figure>
    </div>
  );
}
