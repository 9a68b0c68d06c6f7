// `npm run mcp:conformance`: the official MCP conformance suite's server
// scenarios that apply to Convene, against a fresh `convene serve` (temp data
// dir, a real account and API key). The suite's client sends no headers, so a
// loopback proxy adds the key to each request and passes everything else
// (Host and Origin included, which the rebinding scenario is about) as it is.
// Exits non-zero when a scenario fails.
import { spawn } from "node:child_process";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { startServer } from "./fuzz/server.js";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The scenarios a real server can pass. The others need the suite's own test
 * tools, prompts or resources (tools-call-*, prompts-*, resources-*,
 * completion-complete, json-schema-2020-12, elicitation-*), or sessions
 * (server-sse-*: Convene's /mcp is stateless, which the suite reports as a warning).
 */
export const SCENARIOS = ["server-initialize", "ping", "tools-list", "logging-set-level", "dns-rebinding-protection"];

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function makeApiKey(baseUrl: string): Promise<string> {
  const signup = await fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "conformance@example.com", password: "conformance passphrase", name: "Conformance", organization: "Conformance", timeZone: "UTC" }),
  });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
  const cookie = signup.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const { csrfToken } = (await signup.json()) as { csrfToken: string };
  const key = await json(`${baseUrl}/api/v1/api-keys`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken }, body: JSON.stringify({ name: "conformance" }) });
  return key["key"] as string;
}

/** Forwards every request to target with the API key added. */
async function startKeyProxy(target: URL, apiKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const proxy = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, authorization: `Bearer ${apiKey}` } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", (error) => outgoing.writeHead(502).end(error.message));
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/mcp`, close: () => new Promise((resolve) => proxy.close(() => resolve())) };
}

function runScenario(url: string, scenario: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/conformance"), ["server", "--url", url, "--scenario", scenario], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function main(): Promise<number> {
  const server = await startServer("pglite", {});
  let proxy: { url: string; close(): Promise<void> } | null = null;
  try {
    const apiKey = await makeApiKey(server.baseUrl);
    proxy = await startKeyProxy(new URL(server.baseUrl), apiKey);
    let failed = 0;
    for (const scenario of SCENARIOS) {
      const { code, output } = await runScenario(proxy.url, scenario);
      console.log(`${code === 0 ? "PASS" : "FAIL"} ${scenario}`);
      if (code !== 0) {
        failed += 1;
        console.log(output);
      }
    }
    console.log(`${SCENARIOS.length - failed}/${SCENARIOS.length} MCP conformance scenarios passed`);
    return failed === 0 ? 0 : 1;
  } finally {
    await proxy?.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("mcp:conformance failed:", error);
    process.exit(1);
  },
);
