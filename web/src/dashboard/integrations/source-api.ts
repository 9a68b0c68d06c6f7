// Inbound sources over the API, and the words the page uses for providers and deliveries.
import { api, unwrap, type paths } from "../../api/client";

export type InboundSource = paths["/api/v1/inbound-sources"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type SourceDetail = paths["/api/v1/inbound-sources/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type CreatedSource = paths["/api/v1/inbound-sources"]["post"]["responses"][201]["content"]["application/json"];
export type Provider = InboundSource["provider"];

export const SOURCES_KEY = ["inbound-sources"] as const;
export const sourceKey = (id: string) => ["inbound-sources", id] as const;

export const PROVIDER_LABEL: Record<Provider, string> = { calcom: "Cal.com", calendly: "Calendly" };

export const listSources = async () => (await unwrap(api.GET("/api/v1/inbound-sources"))).items;
export const getSource = (id: string) => unwrap(api.GET("/api/v1/inbound-sources/{id}", { params: { path: { id } } }));
export const createSource = (body: { provider: Provider; name: string; apiToken?: string }) => unwrap(api.POST("/api/v1/inbound-sources", { body }));
export const backfillSource = (id: string) => unwrap(api.POST("/api/v1/inbound-sources/{id}/backfill", { params: { path: { id } } }));
export const deleteSource = (id: string) => unwrap(api.DELETE("/api/v1/inbound-sources/{id}", { params: { path: { id } } }));
