// Reconciles a source with its provider, so a missed webhook loses no meeting:
// every booking the provider lists over [now − days, now + days] goes through
// the same ingestion as a webhook (idempotent: what Convene has already
// records nothing). A lease keeps it to one node at a time. The outcome is kept
// on the source: when it last succeeded, since when the provider has been
// unreachable (the earliest failure), and the last error.
import { ConveneError, isConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { dueInboundSources } from "../auth/inbound-access.js";
import type { InboundDeps } from "./inbound-deps.js";
import { sourceOrNotFound } from "./inbound-source-views.js";
import { ingestExternalChange } from "./ingest-external-change.js";
import { noticeSourceProblem } from "./source-problems.js";

const DAY_MS = 86_400_000;
/** Longer than a backfill takes (the provider clients time out well before). */
export const BACKFILL_LEASE_MS = 5 * 60_000;

export type BackfillResult = { created: number; updated: number; unchanged: number };

export async function backfillSource(deps: InboundDeps, tenantId: TenantId, sourceId: string, nowMs: number): Promise<BackfillResult> {
  const source = await sourceOrNotFound(deps.store, tenantId, sourceId);
  if (!source.apiTokenSealed) throw new ConveneError("INBOUND_NO_API_TOKEN", "This source has no API key or token to backfill with; add one first.");
  if (!(await deps.store.inboundSources.claimBackfillLease(tenantId, source.id, nowMs, nowMs + BACKFILL_LEASE_MS))) {
    throw new ConveneError("INBOUND_BACKFILL_RUNNING", "A backfill of this source is already running; try again in a few minutes.");
  }
  try {
    const window = { fromMs: nowMs - deps.inbound.backfillDays * DAY_MS, toMs: nowMs + deps.inbound.backfillDays * DAY_MS };
    let changes;
    try {
      changes = await deps.inboundProviders[source.provider].listBookings(deps.secrets.open(source.apiTokenSealed), window);
    } catch (error) {
      if (isConveneError(error) && error.code === "INBOUND_PROVIDER_UNREACHABLE") {
        await deps.store.transaction(async (repos) => {
          await repos.inboundSources.update(tenantId, source.id, { unreachableSince: source.unreachableSince ?? new Date(nowMs), lastError: error.message });
          // Once per outage: the first failure after the provider last answered.
          if (source.unreachableSince === null) await noticeSourceProblem(repos, tenantId, source, "unreachable", error.message, nowMs);
        });
      } else if (isConveneError(error) && error.code === "INBOUND_PROVIDER_AUTH_FAILED") {
        await deps.store.transaction(async (repos) => {
          await repos.inboundSources.update(tenantId, source.id, { lastError: error.message });
          await noticeSourceProblem(repos, tenantId, source, "auth_failed", error.message, nowMs);
        });
      }
      throw error;
    }
    const result: BackfillResult = { created: 0, updated: 0, unchanged: 0 };
    for (const change of changes) {
      // One transaction per booking: a long backfill holds no lock for long, and a failure keeps what came before it.
      const { effect } = await deps.store.transaction((repos) => ingestExternalChange(repos, tenantId, source, change, nowMs));
      result[effect] += 1;
    }
    await deps.store.inboundSources.update(tenantId, source.id, { lastBackfillAt: new Date(nowMs), unreachableSince: null, lastError: null });
    return result;
  } finally {
    await deps.store.inboundSources.releaseBackfillLease(tenantId, source.id);
  }
}

/** The schedule's pass: every source with a token not backfilled for an interval; a failing provider is noted on its source and does not stop the others. */
export async function backfillDueSources(deps: InboundDeps, nowMs: number, limit = 20): Promise<number> {
  const due = await dueInboundSources(deps.store, nowMs - deps.inbound.backfillIntervalMs, nowMs, limit);
  for (const { tenantId, sourceId } of due) await backfillSource(deps, tenantId, sourceId, nowMs).catch(() => undefined);
  return due.length;
}
