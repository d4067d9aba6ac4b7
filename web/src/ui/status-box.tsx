import { messageOf } from '../api/client.js';

/** An API error, as text (its message came from the server and may quote input). */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      <bdi>{messageOf(error)}</bdi>
    </div>
  );
}

/** A quiet "loading" line. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted" aria-live="polite">
      {what}…
    </p>
  );
}
