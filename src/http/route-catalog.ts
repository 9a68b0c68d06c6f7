// The list of registered routes, and which methods a concrete path allows
// (for 405 answers with an Allow header).

export type RouteEntry = { method: string; url: string; isAuthenticated: boolean };

function patternOf(url: string): RegExp {
  const escaped = url
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment === "*" ? ".*" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${escaped}/?$`);
}

export function methodsAllowedFor(routes: RouteEntry[], requestUrl: string): string[] {
  const path = requestUrl.split("?")[0] ?? "";
  const allowed = new Set<string>();
  for (const route of routes) if (patternOf(route.url).test(path)) allowed.add(route.method);
  return [...allowed].sort();
}
