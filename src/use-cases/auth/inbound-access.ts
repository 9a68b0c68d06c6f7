// A provider's webhook names no tenant: the unguessable token in the webhook
// URL finds the source (looked up by its SHA-256), and the source names the
// tenant. The signature check that follows proves the provider holds the
// source's secret. The backfill schedule starts from stored rows, like the
// other system work (system-access.ts).
import type { TenantId } from "../../core/tenancy.js";
import type { InboundSourceRecord } from "../ports/inbound-sources.js";
import type { Repositories } from "../ports/store.js";
import { hashToken } from "./secret-token.js";
import { mintTenantId } from "./tenant-scope.js";

export async function openInboundSource(repos: Repositories, webhookToken: string): Promise<{ tenantId: TenantId; source: InboundSourceRecord } | null> {
  const source = await repos.inboundSources.findByWebhookTokenHash(hashToken(webhookToken));
  return source ? { tenantId: mintTenantId(source.tenantId), source } : null;
}

/** Sources with an API token whose backfill is due (see InboundSourceRepository.listDueForBackfill), each with its tenant. */
export async function dueInboundSources(repos: Repositories, backfilledBeforeMs: number, nowMs: number, limit: number): Promise<{ tenantId: TenantId; sourceId: string }[]> {
  const due = await repos.inboundSources.listDueForBackfill(backfilledBeforeMs, nowMs, limit);
  return due.map((row) => ({ tenantId: mintTenantId(row.tenantId), sourceId: row.sourceId }));
}
