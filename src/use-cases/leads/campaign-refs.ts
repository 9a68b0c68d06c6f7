// A campaign named by an outreach tool or a file: by id (it must exist) or by
// name (created when missing, so a tool can start a campaign by using it).
import { ConveneError } from "../../core/errors.js";
import type { Repositories } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each reference given (id or name, as written) → the campaign's id. */
export async function campaignIdsOf(repos: Pick<Repositories, "campaigns">, ctx: RequestContext, refs: (string | undefined)[]): Promise<Map<string, string>> {
  const given = [...new Set(refs.filter((ref): ref is string => Boolean(ref)))];
  const ids = new Map<string, string>();
  for (const ref of given.filter((ref) => UUID.test(ref))) {
    const campaign = await repos.campaigns.get(ctx.auth.tenantId, ref.toLowerCase());
    if (!campaign) throw new ConveneError("VALIDATION_FAILED", `No campaign has the id ${ref}.`, { details: { errors: [{ path: "campaign", message: `no campaign has the id ${ref}` }] } });
    ids.set(ref, campaign.id);
  }
  const names = given.filter((ref) => !UUID.test(ref));
  const byName = await repos.campaigns.ensureByNames(ctx.auth.tenantId, names, ctx.nowMs);
  for (const name of names) ids.set(name, byName.get(name.toLowerCase())!);
  return ids;
}
