/**
 * A webhook URL as logs, the dead-letter file and GET /settings show it: scheme, host and port only.
 * Slack and Teams put the secret in the path, others in the query or user info.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const rest = u.pathname !== '/' || u.search !== '' ? '/…' : '';
    return `${u.protocol}//${u.host}${rest}`;
  } catch {
    return '(invalid URL)';
  }
}
