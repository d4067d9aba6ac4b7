/**
 * A route parameter as the value it names. The router decodes the path with decodeURI, which keeps
 * reserved characters such as `%2F` and `%3A` encoded; this finishes the job.
 */
export function routeParam(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
