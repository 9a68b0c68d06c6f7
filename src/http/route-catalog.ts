// The list of registered routes, and which methods a concrete path allows
// (for 405 answers with an Allow header).

import type { Permission } from "../core/account/permissions.js";

/** permission: what the route declares it needs (route config), for the role sweep; absent on public routes. */
export type RouteEntry = { method: string; url: string; isAuthenticated: boolean; permission?: Permission | undefined };

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
