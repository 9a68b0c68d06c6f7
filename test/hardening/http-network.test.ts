// The HTTP boundary on a real socket (issue 10, items 8 and 11): what Node's
// parser and timers answer before Fastify sees a request — huge headers, a body
// that trickles in, bytes that are not a valid URL — is problem+json too, and
// the connection cap holds. Loopback only; every server started here is closed.
import { connect, type Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type AppDeps } from "../../src/http/app.js";

const REQUEST_TIMEOUT_SECONDS = 1;
const MAX_CONNECTIONS = 3;

/** Splits a raw HTTP/1.1 answer into status, lower-cased headers and body. */
function parseResponse(raw: string) {
  const [head = "", body = ""] = raw.split("\r\n\r\n", 2);
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

/** Opens a connection, lets `talk` write to it, and resolves with everything received once the server closes it. */
function exchange(port: number, talk: (socket: Socket) => void): Promise<{ raw: string; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const startedMs = performance.now();
    const socket = connect({ host: "127.0.0.1", port }, () => talk(socket));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(error)));
    socket.on("close", () => resolve({ raw: Buffer.concat(chunks).toString("utf8"), elapsedMs: performance.now() - startedMs }));
  });
}

function expectProblem(raw: string, status: number, code: string) {
  const response = parseResponse(raw);
  expect(response.status, raw).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  const body = JSON.parse(response.body);
  expect(body).toMatchObject({ status, code, type: `/docs/errors#${code}` });
  expect(body.requestId).toBe(response.headers["x-request-id"]);
  return body;
}

describe("HTTP boundary on a real socket", () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    // None of these requests reach a use case: every dependency throws if touched.
    const unused = new Proxy({}, { get: () => { throw new Error("not used by these requests"); } });
    app = await buildApp({ publicUrl: "http://convene.test", store: unused, database: unused, clock: Date.now } as unknown as AppDeps, {
      requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS,
      maxConnections: MAX_CONNECTIONS,
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("headers over Node's limit → 431 HEADERS_TOO_LARGE", async () => {
    const { raw } = await exchange(port, (socket) => socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(40_000)}\r\n\r\n`));
    expectProblem(raw, 431, "HEADERS_TOO_LARGE");
  });

  it("bad percent-encoding in a path → 400 BAD_URL, without echoing it", async () => {
    const { raw } = await exchange(port, (socket) => socket.write("GET /api/v1/public/links/%E0%A4%A/intro HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expectProblem(raw, 400, "BAD_URL");
    expect(raw).not.toContain("%E0");
  });

  it("an over-long path parameter → 414 URI_TOO_LONG, without echoing it", async () => {
    const { raw } = await exchange(port, (socket) => socket.write(`GET /api/v1/public/manage/${"t".repeat(3000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    expectProblem(raw, 414, "URI_TOO_LONG");
    expect(raw).not.toContain("tttttttttt");
  });

  it("bytes that are not HTTP → 400 problem", async () => {
    const { raw } = await exchange(port, (socket) => socket.write("HELLO THERE\r\n\r\n"));
    expectProblem(raw, 400, "VALIDATION_FAILED");
  });

  it("a body that trickles in is cut off with 408 REQUEST_TIMEOUT within the configured timeout", async () => {
    let timer: NodeJS.Timeout | undefined;
    let bytesSent = 0;
    const { raw, elapsedMs } = await exchange(port, (socket) => {
      socket.write("POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
      // One byte every 100 ms: the connection is never idle, the request never completes.
      timer = setInterval(() => {
        if (socket.writable) {
          socket.write(" ");
          bytesSent += 1;
        }
      }, 100);
      socket.on("close", () => clearInterval(timer));
    });
    clearInterval(timer);
    expectProblem(raw, 408, "REQUEST_TIMEOUT");
    expect(bytesSent).toBeLessThan(999); // cut off long before the body could complete
    // The timeout plus Node's connection check (a quarter of it) plus scheduling slack on a busy machine.
    expect(elapsedMs).toBeLessThan(REQUEST_TIMEOUT_SECONDS * 1000 * 4);
  });

  it("a client that sends nothing after connecting is closed with 408", async () => {
    const { raw } = await exchange(port, () => undefined);
    expectProblem(raw, 408, "REQUEST_TIMEOUT");
  });

  it("connections beyond MAX_CONNECTIONS are closed on arrival; the ones within are served", async () => {
    const held: Socket[] = [];
    try {
      for (let i = 0; i < MAX_CONNECTIONS; i++) {
        held.push(await new Promise<Socket>((resolve) => { const socket = connect({ host: "127.0.0.1", port }, () => resolve(socket)); }));
      }
      // The server counts a connection once it has accepted it: wait until it sees all of them.
      await expect.poll(() => new Promise<number>((resolve) => app.server.getConnections((_error, count) => resolve(count)))).toBe(MAX_CONNECTIONS);
      const { raw } = await exchange(port, (socket) => socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
      expect(raw).toBe(""); // dropped without an answer
    } finally {
      for (const socket of held) socket.destroy();
    }
    await expect.poll(() => new Promise<number>((resolve) => app.server.getConnections((_error, count) => resolve(count)))).toBe(0);
    const { raw } = await exchange(port, (socket) => socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(parseResponse(raw).status).toBe(200);
  });
});
