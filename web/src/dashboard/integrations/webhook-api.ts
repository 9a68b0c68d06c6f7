// Outbound webhook endpoints over the API, for the Webhooks section of Integrations.
import { api, unwrap, type paths } from "../../api/client";

export type WebhookEndpoint = paths["/api/v1/webhooks"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type WebhookEventType = WebhookEndpoint["eventTypes"][number];
export type WebhookAttempt = paths["/api/v1/webhooks/{id}/deliveries"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

export const WEBHOOKS_KEY = ["webhooks"] as const;
export const webhookLogKey = (id: string) => ["webhooks", id, "log"] as const;

export const EVENT_LABEL: Record<WebhookEventType, string> = {
  "booking.created": "Booking created",
  "booking.rescheduled": "Booking rescheduled",
  "booking.cancelled": "Booking cancelled",
  "booking.attendance_updated": "Attendance recorded",
  "lead.status_changed": "Lead status changed",
  "calendar.connection_needs_reconnect": "Calendar needs reconnecting",
};
export const EVENT_TYPES = Object.keys(EVENT_LABEL) as WebhookEventType[];

const path = (id: string) => ({ params: { path: { id } } });
export const listWebhooks = async () => (await unwrap(api.GET("/api/v1/webhooks"))).items;
export const createWebhook = (body: { url: string; eventTypes: WebhookEventType[]; description?: string }) => unwrap(api.POST("/api/v1/webhooks", { body }));
export const updateWebhook = (id: string, body: { isEnabled?: boolean }) => unwrap(api.PATCH("/api/v1/webhooks/{id}", { ...path(id), body }));
export const deleteWebhook = (id: string) => unwrap(api.DELETE("/api/v1/webhooks/{id}", path(id)));
export const rotateWebhookSecret = (id: string) => unwrap(api.POST("/api/v1/webhooks/{id}/rotate-secret", path(id)));
export const sendTestWebhook = (id: string) => unwrap(api.POST("/api/v1/webhooks/{id}/test", path(id)));
export const webhookLog = async (id: string) => (await unwrap(api.GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id }, query: { limit: 50 } } }))).items;
export const replayWebhook = (id: string, deliveryId: string) => unwrap(api.POST("/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", { params: { path: { id, deliveryId } } }));
