/**
 * Where to go after signing in. Only a path on this site is accepted: anything that could leave
 * it (`//evil.example`, `/\evil.example`, `https://…`, control characters) becomes `/`, so the
 * sign-in form cannot be used as an open redirect.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/';
  // Browsers treat a backslash as a slash and drop tabs and newlines inside URLs.
  if (!value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  const base = 'http://ctip.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Coming back to the sign-in or sign-out page would only loop.
  return path.startsWith('/sign-in') || path.startsWith('/sign-out') ? '/' : path;
}

/** The sign-in link that comes back to `returnTo` (a local path) afterwards. */
export function signInHref(returnTo: string | undefined): string {
  const target = safeReturnTo(returnTo);
  return target === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(target)}`;
}
