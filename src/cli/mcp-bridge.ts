// `convene mcp`: MCP over stdio for desktop AI clients, bridged message by
// message to a running Convene's /mcp (Streamable HTTP, with the API key). A
// transport-level proxy: every request, answer and notification passes as is,
// so the tools are exactly the server's, with its checks and audit.
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { isJSONRPCRequest, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { McpBridgeSettings } from "../config.js";

/** JSON-RPC's "internal error": the request could not reach Convene or Convene refused it. */
const BRIDGE_ERROR_CODE = -32603;

export async function runMcpBridge(settings: McpBridgeSettings): Promise<void> {
  const local = new StdioServerTransport();
  const remote = new StreamableHTTPClientTransport(settings.mcpUrl, { requestInit: { headers: { authorization: `Bearer ${settings.apiKey}` } } });
  const closed = new Promise<void>((resolve) => {
    local.onclose = resolve;
  });

  local.onmessage = (message: JSONRPCMessage) => {
    remote.send(message).catch((error: unknown) => {
      // Logs go to stderr: stdout carries the protocol.
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`convene mcp: ${settings.mcpUrl.href}: ${reason}`);
      if (isJSONRPCRequest(message)) void local.send({ jsonrpc: "2.0", id: message.id, error: { code: BRIDGE_ERROR_CODE, message: `Convene did not answer: ${reason}` } });
    });
  };
  remote.onmessage = (message) => void local.send(message);
  remote.onerror = (error) => console.error(`convene mcp: ${error.message}`);

  await remote.start();
  await local.start();
  await closed;
  await remote.close();
}
