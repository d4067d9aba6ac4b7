import { SourceLink, T } from '../../ui/safe-text.js';

const techniqueId = /^T\d{4}(?:\.\d{3})?$/;

/** ATT&CK's page of a technique, only for a well-formed id. */
function attackUrl(id: string): string | null {
  if (!techniqueId.test(id)) return null;
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

/** ATT&CK techniques with their names. */
export function TechniquesList({
  ids,
  names,
}: {
  ids: readonly string[];
  names: Readonly<Record<string, string>>;
}) {
  if (ids.length === 0) return <p className="muted">No techniques.</p>;
  return (
    <ul className="techniques" data-testid="techniques">
      {ids.map((id) => (
        <li key={id}>
          <SourceLink href={attackUrl(id)} label={id} max={20} /> <T v={names[id] ?? ''} max={80} />
        </li>
      ))}
    </ul>
  );
}
