// What every Convene tool shares: the caller's permission checked first (as the
// REST gate does per route), the call audited as the key's user, and the answer
// shaped for MCP: structured content plus a short text, or — for anything the
// caller can fix — an error result (isError) carrying our problem code and a
// sentence telling the agent what to do next.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Permission } from "../core/account/permissions.js";
import { isConveneError, type ConveneError } from "../core/errors.js";
import { formatZonedIso } from "../core/time/zoned-iso.js";
import { recordToolCall } from "../use-cases/agents/record-tool-call.js";
import { requireScope, type AuthContext } from "../use-cases/auth/authenticate.js";
import type { UseCaseDeps } from "../use-cases/ports/store.js";
import type { RequestContext } from "../use-cases/request-context.js";
import type { MeetingLocationDeps } from "../use-cases/deliveries/meeting-facts.js";

export type McpDeps = UseCaseDeps & MeetingLocationDeps & { publicUrl: string };

/** One MCP request's caller: built by the /mcp route once the API key is verified. */
export type ToolSession = {
  deps: McpDeps;
  auth: AuthContext;
  ip: string | null;
  clock: () => number;
  /** Where unexpected failures are logged (with the request id); the agent only hears that something failed. */
  logError: (error: unknown, tool: string) => void;
};

export type ToolAnswer<O> = { structured: O; text: string; target?: { type: string; id: string } };

export type ToolSpec<I extends z.ZodRawShape, O extends z.ZodRawShape> = {
  name: string;
  title: string;
  description: string;
  permission: Permission;
  input: I;
  output: O;
  annotations: Omit<ToolAnnotations, "title">;
  run(args: z.infer<z.ZodObject<I>>, ctx: RequestContext): Promise<ToolAnswer<z.infer<z.ZodObject<O>>>>;
};

export function registerConveneTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(server: McpServer, session: ToolSession, spec: ToolSpec<I, O>): void {
  server.registerTool(
    spec.name,
    { title: spec.title, description: spec.description, inputSchema: spec.input, outputSchema: spec.output, annotations: { title: spec.title, ...spec.annotations } },
    // The SDK's callback type is generic over the shape; the args it passes were parsed by spec.input.
    (async (args: z.infer<z.ZodObject<I>>) => callTool(session, spec, args)) as never,
  );
}

async function callTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(session: ToolSession, spec: ToolSpec<I, O>, args: z.infer<z.ZodObject<I>>): Promise<CallToolResult> {
  // "Now" once per call, like once per REST request.
  const ctx: RequestContext = { auth: session.auth, ip: session.ip, nowMs: session.clock() };
  try {
    requireScope(session.auth, spec.permission);
    const answer = await spec.run(args, ctx);
    await recordToolCall(session.deps, ctx, spec.name, { errorCode: null, target: answer.target });
    return { content: [{ type: "text", text: answer.text }], structuredContent: answer.structured as Record<string, unknown> };
  } catch (error) {
    if (!isConveneError(error)) {
      session.logError(error, spec.name);
      await recordToolCall(session.deps, ctx, spec.name, { errorCode: "INTERNAL" }).catch(() => undefined);
      return errorResult("INTERNAL", "Convene failed to answer this call; it was logged. Try again later, and do not assume anything was changed or booked.");
    }
    await recordToolCall(session.deps, ctx, spec.name, { errorCode: error.code });
    return errorResult(error.code, actionableSentence(error, zoneOf(args)), error.details);
  }
}

function zoneOf(args: unknown): string {
  const zone = (args as { timeZone?: unknown }).timeZone;
  return typeof zone === "string" ? zone : "UTC";
}

export function errorResult(code: string, sentence: string, details?: Record<string, unknown>): CallToolResult {
  const text = `${code}: ${sentence}`;
  return { isError: true, content: [{ type: "text", text: details && Object.keys(details).length > 0 ? `${text}\n${JSON.stringify({ code, details })}` : text }] };
}

function nearestText(details: Record<string, unknown> | undefined, zone: string): string | null {
  const nearest = details?.["nearestSlots"];
  if (!Array.isArray(nearest) || nearest.length === 0) return null;
  return nearest.map((slot: { start: string }) => safeZoned(Date.parse(slot.start), zone)).join(", ");
}

function safeZoned(ms: number, zone: string): string {
  try {
    return formatZonedIso(ms, zone);
  } catch {
    return formatZonedIso(ms, "UTC");
  }
}

const ENGINE_REASONS = new Set(["OUTSIDE_WINDOW", "TOO_SOON", "BEYOND_WINDOW", "OFF_GRID", "OUTSIDE_HOURS", "HOLIDAY", "BUSY", "BUFFER", "DAY_LIMIT", "WEEK_LIMIT"]);

/** The problem's own sentence, followed by what an agent should do about it. */
export function actionableSentence(error: ConveneError, zone: string): string {
  const said = error.message.replace(/\.?$/, ".");
  switch (error.code) {
    case "SLOT_TAKEN": {
      const nearest = nearestText(error.details, zone);
      return nearest
        ? `That time was just taken; nearest free times: ${nearest}. Pick one of those and call book_meeting again, or call check_availability.`
        : "That time was just taken and nothing is free near it; call check_availability for a wider window.";
    }
    case "NOT_FOUND":
      return `${said} The id is unknown or outside what this API key's user may reach; call list_meetings, list_links or find_lead to get a valid id.`;
    case "FORBIDDEN":
      return `${said} This API key's user's role may not do this; ask an owner or admin of the organisation, or use their key.`;
    case "VALIDATION_FAILED":
    case "UNKNOWN_TIME_ZONE":
    case "INVALID_ANSWERS":
      return `${said} Fix the arguments and call again.`;
    case "BOOKING_CHANGED":
      return `${said} Call get_meeting for the current state, then try again.`;
    case "BOOKING_NOT_ACTIVE":
      return `${said} Nothing to change; call get_meeting to see its status.`;
    case "LINK_INACTIVE":
      return `${said} Call list_links for an active link.`;
    default:
      return ENGINE_REASONS.has(error.code) ? `${said} Call check_availability for free times and pick one.` : said;
  }
}
