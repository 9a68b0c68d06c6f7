// Every MCP tool call lands in the audit log, by the API key (the actor, as for
// any API call) on behalf of its user (named in the entry): which tool, and
// whether it answered an error (by code), so an owner can see what an agent did.
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export const TOOL_CALLED_ACTION = "mcp.tool_called";

export async function recordToolCall(deps: Pick<UseCaseDeps, "store">, ctx: RequestContext, tool: string, outcome: { errorCode: string | null; target?: { type: string; id: string } | undefined }): Promise<void> {
  await recordAudit(deps.store, ctx, TOOL_CALLED_ACTION, outcome.target, { tool, userId: ctx.auth.userId, isError: outcome.errorCode !== null, ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}) });
}
