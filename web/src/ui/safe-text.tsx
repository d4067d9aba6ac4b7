import { clipped, safeHttpUrl } from './display-text.js';

/**
 * An attacker-controlled string as React text: bidi-isolated, controls made visible, cut to `max`
 * characters with the whole value in the title. Never HTML.
 */
export function T({ v, max = 80 }: { v: string | null | undefined; max?: number }) {
  if (v === null || v === undefined || v === '') return <span className="muted">–</span>;
  const { shown, full, cut } = clipped(String(v), max);
  return (
    <bdi className="t" title={cut ? full : undefined}>
      {shown}
    </bdi>
  );
}

/** A link to an external source, only when it is http(s); otherwise the text alone. */
export function SourceLink({
  href,
  label,
  max = 80,
}: {
  href: string | null | undefined;
  label?: string;
  max?: number;
}) {
  const url = safeHttpUrl(href);
  if (!url) return <T v={label ?? href} max={max} />;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow">
      <T v={label ?? href} max={max} />
    </a>
  );
}
