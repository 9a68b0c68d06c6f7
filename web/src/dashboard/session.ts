// The signed-in owner, from GET /me. The CSRF token it returns is handed to the
// API client for cookie-authenticated writes.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, setCsrfToken, unwrap } from "../api/client";
import type { paths } from "../api/client";

export type Me = paths["/api/v1/me"]["get"]["responses"][200]["content"]["application/json"];

export const ME_KEY = ["me"] as const;

export async function fetchMe(): Promise<Me> {
  const me = await unwrap(api.GET("/api/v1/me"));
  setCsrfToken(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** The owner as loaded by the dashboard shell (which renders nothing until it has one). */
export function useOwner(): Me {
  const { data } = useMe();
  if (!data) throw new Error("useOwner is used outside the signed-in dashboard");
  return data;
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return async () => {
    await unwrap(api.POST("/api/v1/auth/logout")).catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
  };
}

/** A permission of the server's table (src/core/account/permissions.ts), e.g. "bookings.read". */
export type Permission = keyof Me["permissions"];

/** How far the signed-in user reaches with a permission: "all", "own" (what they own or host) or null (not at all, also for one the server does not know). */
export function scopeOf(me: Me, permission: Permission): "all" | "own" | null {
  return me.permissions[permission] ?? null;
}
