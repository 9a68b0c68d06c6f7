// Tells a source's owner, in the dashboard's bell, that the source is in
// trouble: deliveries refused for a bad signature (once an hour at most), the
// provider unreachable (once per outage), the API key refused (once a day).
import type { TenantId } from "../../core/tenancy.js";
import { notifyUsers } from "../notifications/in-app-notices.js";
import type { InboundSourceRecord } from "../ports/inbound-sources.js";
import type { Repositories } from "../ports/store.js";

const HOUR_MS = 3_600_000;
const PROVIDER_NAMES = { calcom: "Cal.com", calendly: "Calendly" } as const;

export type SourceProblem = "signature_refused" | "unreachable" | "auth_failed";

export async function noticeSourceProblem(
  repos: Repositories,
  tenantId: TenantId,
  source: Pick<InboundSourceRecord, "id" | "name" | "provider" | "ownerUserId">,
  problem: SourceProblem,
  detail: string,
  nowMs: number,
): Promise<void> {
  const provider = PROVIDER_NAMES[source.provider];
  const notice = {
    signature_refused: { title: `${provider} "${source.name}": a delivery was refused`, period: HOUR_MS },
    unreachable: { title: `${provider} "${source.name}" is not answering; the funnel shows the last known data`, period: 1 },
    auth_failed: { title: `${provider} "${source.name}" refused its API key; reconnect it`, period: 24 * HOUR_MS },
  }[problem];
  await notifyUsers(repos, tenantId, [source.ownerUserId], {
    kind: "source_problem",
    title: notice.title,
    body: detail,
    sourceId: source.id,
    dedupeKey: `source:${source.id}:${problem}:${Math.floor(nowMs / notice.period)}`,
    atMs: nowMs,
  });
}
