// Convene's MCP server: one McpServer per request for the API key's caller
// (stateless, so any node answers any request), with every tool group.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { registerLeadTools } from "./lead-tools.js";
import { registerLinkTools } from "./link-tools.js";
import { registerMeetingTools } from "./meeting-tools.js";
import { registerSchedulingTools } from "./hosts-scheduling.js";
import type { ToolSession } from "./tool-results.js";

export const MCP_SERVER_INFO = { name: "convene", version: "1.0.0" };

const INSTRUCTIONS =
  "Convene books meetings. Typical flow: get_current_time → check_availability (in the prospect's zone; through a link from list_links, or by hosts: your own working hours and calendars) → hold_slot while the prospect confirms → book_meeting with the holdToken and a location → get_meeting for the meeting link; reschedule_meeting and cancel_meeting change it. create_booking_link makes a one-time link to send instead. Times are ISO 8601 instants with offsets; zones are IANA names. Errors carry a code and say what to do next.";

export function createMcpServer(session: ToolSession): McpServer {
  // logging: clients may set a level (logging/setLevel); Convene sends no log notifications of its own yet.
  const server = new McpServer(MCP_SERVER_INFO, { capabilities: { logging: {}, tools: { listChanged: false } }, instructions: INSTRUCTIONS });
  registerLinkTools(server, session);
  registerSchedulingTools(server, session);
  registerMeetingTools(server, session);
  registerLeadTools(server, session);
  return server;
}
