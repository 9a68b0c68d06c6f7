// DNS rebinding protection for endpoints a local program may reach (/mcp): a
// page on evil.example whose name is made to resolve to 127.0.0.1 reaches us
// with its own name in Host and Origin. Only PUBLIC_URL's host and the
// loopback names are answered (any port: a proxy or a dev server may sit between).
const LOOPBACK_HOSTNAMES = ["localhost", "127.0.0.1", "[::1]"];

/** The hostname of a Host header value or URL authority, lower-cased, IPv6 kept in brackets; null when unreadable. */
function hostnameOf(authority: string): string | null {
  try {
    return new URL(`http://${authority}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function allowedHostnames(publicUrl: string): Set<string> {
  return new Set([new URL(publicUrl).hostname.toLowerCase(), ...LOOPBACK_HOSTNAMES]);
}

/** Why a request is refused, or null: Host must be allowed, and so must Origin when a browser sends one. */
export function hostRefusal(allowed: ReadonlySet<string>, host: string | undefined, origin: string | undefined): string | null {
  const hostname = host === undefined ? null : hostnameOf(host);
  if (hostname === null || !allowed.has(hostname)) return `Host ${JSON.stringify(host ?? "")} is not served here.`;
  if (origin === undefined) return null;
  let originHostname: string | null = null;
  try {
    const url = new URL(origin);
    if (url.protocol === "http:" || url.protocol === "https:") originHostname = url.hostname.toLowerCase();
  } catch {
    originHostname = null;
  }
  if (originHostname === null || !allowed.has(originHostname)) return `Origin ${JSON.stringify(origin)} may not call this endpoint.`;
  return null;
}
