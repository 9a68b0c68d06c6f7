// The organisation's settings (GET/PATCH /api/v1/organization), shared by the
// Settings → Embedding card and the link page's snippet generator.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";

export const ORGANIZATION_SETTINGS_KEY = ["organization-settings"] as const;

export function useOrganizationSettings() {
  return useQuery({ queryKey: ORGANIZATION_SETTINGS_KEY, queryFn: () => unwrap(api.GET("/api/v1/organization")) });
}

export function useSetEmbedOrigins() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (embedOrigins: string[]) => unwrap(api.PATCH("/api/v1/organization", { body: { embedOrigins } })),
    onSuccess: (settings) => queryClient.setQueryData(ORGANIZATION_SETTINGS_KEY, settings),
  });
}
