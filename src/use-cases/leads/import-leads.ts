// Imports leads from a file, row by row as the request streams in, a page of
// rows per INSERT … ON CONFLICT DO UPDATE, all in ONE transaction: a bad file
// (any invalid row, unless skipInvalid) writes nothing and is answered with
// every row's problem. A later row with an address seen earlier in the file
// wins, with a warning. Campaigns named by the file are created when missing.
import { ConveneError } from "../../core/errors.js";
import { emailKeyOf } from "../../core/leads/lead-matching.js";
import { leadImportRowOf, type LeadImportRow, type RowProblem } from "../../core/leads/lead-fields.js";
import { reachOf } from "../auth/reach.js";
import type { LeadUpsert } from "../ports/leads.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { claimEarlierBookings } from "./claim-earlier-bookings.js";

/** Rows per statement: ~10 parameters a row stays far below PostgreSQL's 65,535. */
export const IMPORT_BATCH_ROWS = 1000;
/** Problems listed in an answer; the counts cover every row. */
export const MAX_REPORTED_PROBLEMS = 1000;

/** One record of the file as parsed (line: where it starts in the file; row: its place among the data rows), or why it could not be parsed. */
export type ImportRecord = { line: number; row: number } & ({ record: Record<string, unknown> } | { problem: RowProblem });

export type ImportNote = RowProblem & { line: number; row: number };
export type ImportReport = { created: number; updated: number; skipped: number; errorCount: number; warningCount: number; errors: ImportNote[]; warnings: ImportNote[] };

type Pending = { at: { line: number; row: number }; row: LeadImportRow; ownerUserId: string | null };

function note(report: ImportReport, kind: "errors" | "warnings", at: { line: number; row: number }, problem: RowProblem): void {
  if (kind === "errors") report.errorCount++;
  else report.warningCount++;
  if (report[kind].length < MAX_REPORTED_PROBLEMS) report[kind].push({ ...at, ...problem });
}

export async function importLeads(
  deps: UseCaseDeps,
  ctx: RequestContext,
  records: AsyncIterable<ImportRecord>,
  options: { isSkippingInvalid: boolean },
): Promise<ImportReport> {
  const { tenantId, userId } = ctx.auth;
  const reach = reachOf(ctx.auth, "leads.write");
  const report: ImportReport = { created: 0, updated: 0, skipped: 0, errorCount: 0, warningCount: 0, errors: [], warnings: [] };
  return deps.store.transaction(async (repos) => {
    const ownerByEmail = new Map((await repos.users.list(tenantId)).map((user) => [emailKeyOf(user.email), user.id]));
    const campaignIds = new Map<string, string>();
    /** Addresses written by this import: line of the row that wrote each, and whether it created the lead. */
    const written = new Map<string, { line: number; isCreated: boolean }>();
    let batch = new Map<string, Pending>();

    const flush = async () => {
      const rows = [...batch.values()];
      batch = new Map();
      // Once the file is known bad (and bad rows are not skipped) nothing will commit: stop writing, keep checking.
      if (rows.length === 0 || (report.errorCount > 0 && !options.isSkippingInvalid)) return;
      await writeBatch(repos, ctx, rows, campaignIds, reach.scope === "own" ? userId : null, written, report);
    };

    /** The row as a lead and its owner (an address of a member), or what is wrong with it. */
    const check = (item: ImportRecord): { row: LeadImportRow; ownerUserId: string | null } | { problems: RowProblem[] } => {
      const checked = "problem" in item ? { problems: [item.problem] } : leadImportRowOf(item.record);
      if ("problems" in checked) return checked;
      if (checked.row.ownerEmail === null) return { row: checked.row, ownerUserId: reach.scope === "own" ? userId : null };
      const ownerUserId = ownerByEmail.get(emailKeyOf(checked.row.ownerEmail));
      if (ownerUserId === undefined) return { problems: [{ field: "owner", message: "is not a member of the organisation" }] };
      if (reach.scope === "own" && ownerUserId !== userId) return { problems: [{ field: "owner", message: "a member imports leads for themselves only" }] };
      return { row: checked.row, ownerUserId };
    };

    for await (const item of records) {
      const at = { line: item.line, row: item.row };
      const checked = check(item);
      if ("problems" in checked) {
        for (const problem of checked.problems) note(report, "errors", at, problem);
        report.skipped++;
        continue;
      }
      const { row, ownerUserId } = checked;
      const emailKey = emailKeyOf(row.email);
      const earlier = batch.get(emailKey)?.at.line ?? written.get(emailKey)?.line;
      if (earlier !== undefined) {
        note(report, "warnings", at, { field: "email", message: `same email as line ${earlier}; this later row wins` });
        report.skipped++;
      }
      batch.delete(emailKey);
      batch.set(emailKey, { at, row, ownerUserId });
      if (batch.size >= IMPORT_BATCH_ROWS) await flush();
    }
    await flush();
    if (report.errorCount > 0 && !options.isSkippingInvalid) {
      throw new ConveneError("LEAD_IMPORT_INVALID", `${report.errorCount} problem${report.errorCount === 1 ? "" : "s"} in the file; nothing was imported. Fix them, or send ?skipInvalid=true to import the good rows.`, {
        details: { ...report, created: 0, updated: 0 },
      });
    }
    await recordAudit(repos, ctx, "lead.imported", undefined, { created: report.created, updated: report.updated, skipped: report.skipped, errors: report.errorCount });
    return report;
  });
}

async function writeBatch(
  repos: Repositories,
  ctx: RequestContext,
  rows: Pending[],
  campaignIds: Map<string, string>,
  onlyOwnerUserId: string | null,
  written: Map<string, { line: number; isCreated: boolean }>,
  report: ImportReport,
): Promise<void> {
  const { tenantId, userId } = ctx.auth;
  const missing = [...new Set(rows.map(({ row }) => row.campaignName).filter((name): name is string => name !== null && !campaignIds.has(name.toLowerCase())))];
  for (const [key, id] of await repos.campaigns.ensureByNames(tenantId, missing, ctx.nowMs)) campaignIds.set(key, id);
  const upserts: LeadUpsert[] = rows.map(({ row, ownerUserId }) => ({
    email: row.email,
    emailKey: emailKeyOf(row.email),
    name: row.name,
    company: row.company,
    title: row.title,
    campaignId: row.campaignName === null ? null : campaignIds.get(row.campaignName.toLowerCase())!,
    // A blank owner keeps an existing lead's owner; a new lead without one is the importer's.
    ownerUserId,
    customFields: row.customFields,
  }));
  const upserted = await repos.leads.upsertMany(tenantId, upserts, ctx.nowMs, { onlyOwnerUserId, newLeadOwnerUserId: userId });
  const outcomes = new Map(upserted.map((outcome) => [outcome.emailKey, outcome]));
  await claimEarlierBookings(repos, tenantId, upserted.filter((outcome) => outcome.isCreated).map((outcome) => outcome.id), ctx.nowMs);
  for (const { at, row } of rows) {
    const emailKey = emailKeyOf(row.email);
    const outcome = outcomes.get(emailKey);
    if (!outcome) {
      note(report, "errors", at, { field: "email", message: "belongs to a lead you do not own" });
      report.skipped++;
      continue;
    }
    const before = written.get(emailKey);
    // A row that rewrites a lead this import created: the lead counts once, as created.
    if (before?.isCreated) written.set(emailKey, { line: at.line, isCreated: true });
    else {
      if (outcome.isCreated) report.created++;
      else if (!before) report.updated++;
      written.set(emailKey, { line: at.line, isCreated: outcome.isCreated });
    }
  }
}
