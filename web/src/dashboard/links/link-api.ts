// The owner's links, templates and one-time links through the typed API client:
// query keys, loaders and the mutations the list, detail and wizard share.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type paths } from "../../api/client";

export type Link = paths["/api/v1/links/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type LinkBody = paths["/api/v1/links"]["post"]["requestBody"]["content"]["application/json"];
export type Template = paths["/api/v1/templates/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type TemplateQuestion = Template["questions"][number];
export type QuestionType = TemplateQuestion["type"];
export type OneTimeLink = paths["/api/v1/links/{id}/one-time"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type OneTimeLinkBody = paths["/api/v1/links/{id}/one-time"]["post"]["requestBody"]["content"]["application/json"];
export type SlotPreview = paths["/api/v1/links/preview-slots"]["post"]["responses"][200]["content"]["application/json"];

export const LINKS_KEY = ["links"] as const;
export const linkKey = (linkId: string) => ["links", linkId] as const;
export const TEMPLATES_KEY = ["templates"] as const;
export const oneTimeKey = (linkId: string) => ["links", linkId, "one-time"] as const;

export function useLinks() {
  return useQuery({ queryKey: LINKS_KEY, queryFn: () => unwrap(api.GET("/api/v1/links")).then((answer) => answer.items) });
}

export function useLink(linkId: string | undefined) {
  return useQuery({
    queryKey: linkKey(linkId ?? ""),
    queryFn: () => unwrap(api.GET("/api/v1/links/{id}", { params: { path: { id: linkId! } } })),
    enabled: Boolean(linkId),
  });
}

export function useTemplates() {
  return useQuery({ queryKey: TEMPLATES_KEY, queryFn: () => unwrap(api.GET("/api/v1/templates")).then((answer) => answer.items) });
}

export function useOneTimeLinks(linkId: string) {
  return useQuery({
    queryKey: oneTimeKey(linkId),
    queryFn: () => unwrap(api.GET("/api/v1/links/{id}/one-time", { params: { path: { id: linkId } } })).then((answer) => answer.items),
  });
}

/** Puts a changed link into the list and detail caches, then refetches the list in the background. */
export function useRememberLink() {
  const queryClient = useQueryClient();
  return (link: Link) => {
    queryClient.setQueryData(linkKey(link.id), link);
    queryClient.setQueryData<Link[]>(LINKS_KEY, (links) => links?.map((known) => (known.id === link.id ? link : known)));
    void queryClient.invalidateQueries({ queryKey: LINKS_KEY, exact: true });
  };
}

/** Switches a link on or off; the switch moves at once and moves back if the server refuses. */
export function useSetActive() {
  const queryClient = useQueryClient();
  const remember = useRememberLink();
  const setLocally = (linkId: string, isActive: boolean) => {
    queryClient.setQueryData<Link>(linkKey(linkId), (link) => link && { ...link, isActive });
    queryClient.setQueryData<Link[]>(LINKS_KEY, (links) => links?.map((link) => (link.id === linkId ? { ...link, isActive } : link)));
  };
  return useMutation({
    mutationFn: ({ linkId, isActive }: { linkId: string; isActive: boolean }) =>
      unwrap(api.PATCH("/api/v1/links/{id}", { params: { path: { id: linkId } }, body: { isActive } })),
    onMutate: async ({ linkId, isActive }) => {
      // A list fetch still under way would overwrite the switch with the old state.
      await queryClient.cancelQueries({ queryKey: LINKS_KEY });
      setLocally(linkId, isActive);
    },
    onError: (_, { linkId, isActive }) => setLocally(linkId, !isActive),
    onSuccess: remember,
  });
}

export function useDuplicateLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => unwrap(api.POST("/api/v1/links/{id}/duplicate", { params: { path: { id: linkId } } })),
    onSuccess: (copy) => {
      queryClient.setQueryData(linkKey(copy.id), copy);
      void queryClient.invalidateQueries({ queryKey: LINKS_KEY, exact: true });
    },
  });
}

export function useDeleteLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => unwrap(api.DELETE("/api/v1/links/{id}", { params: { path: { id: linkId } } })),
    onSuccess: (_, linkId) => {
      queryClient.setQueryData<Link[]>(LINKS_KEY, (links) => links?.filter((link) => link.id !== linkId));
      queryClient.removeQueries({ queryKey: linkKey(linkId) });
      void queryClient.invalidateQueries({ queryKey: LINKS_KEY, exact: true });
    },
  });
}
