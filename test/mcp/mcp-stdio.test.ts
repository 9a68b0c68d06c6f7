// `convene mcp` as a desktop client runs it: a child process speaking MCP on
// stdio, bridged to a Convene served on loopback, with the key from the environment.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLink } from "../support/booking-fixtures.js";
import { runConvene } from "../support/convene-process.js";
import { serveMcp } from "../support/mcp-client.js";
import { useTestApp } from "../support/test-app.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("convene mcp (stdio)", () => {
  const t = useTestApp("pglite", { owners: { owner: "stdio-owner" } });
  let baseUrl = "";
  let client: Client;

  beforeAll(async () => {
    baseUrl = (await serveMcp(t.app)).replace(/\/mcp$/, "");
    client = new Client({ name: "desktop", version: "1" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ["--import", "tsx", "src/cli/convene.ts", "mcp"],
        cwd: root,
        env: { PATH: process.env["PATH"] ?? "", CONVENE_URL: baseUrl, CONVENE_API_KEY: t.owner.apiKey },
        stderr: "pipe",
      }),
    );
  });
  afterAll(async () => {
    await client?.close();
  });

  it("lists the server's tools and calls them as the key's user", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("book_meeting");
    const link = await createLink(t.app, t.owner, { slug: "stdio-link" });
    const result = await client.callTool({ name: "list_links", arguments: {} });
    expect(result.structuredContent).toMatchObject({ links: [expect.objectContaining({ id: link.id })] });
    const refused = await client.callTool({ name: "get_meeting", arguments: { meetingId: "00000000-0000-4000-8000-000000000000" } });
    expect(refused.isError).toBe(true);
  });

  it("says what is missing when the environment lacks the URL or the key", async () => {
    const run = runConvene(["mcp"], { CONVENE_URL: baseUrl });
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/CONVENE_API_KEY/);
    expect(run.output()).not.toMatch(/CONVENE_URL \(/);
  });
});
