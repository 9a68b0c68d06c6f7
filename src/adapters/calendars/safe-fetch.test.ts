// The safe fetch against a loopback server: with private URLs refused the
// server is never reached (by IP literal, by a name that resolves to loopback,
// or by a redirect); with them allowed, redirects, size caps and time limits.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";
import { createSafeFetch, type SafeFetchOptions } from "./safe-fetch.js";

let server: Server;
let origin = "";
const seen: Array<{ url: string; headers: IncomingMessage["headers"] }> = [];

const routes: Record<string, (response: ServerResponse) => void> = {
  "/hello": (response) => response.end("hello"),
  "/redirect-once": (response) => response.writeHead(302, { location: "/hello" }).end(),
  "/loop": (response) => response.writeHead(307, { location: "/loop" }).end(),
  "/big-declared": (response) => response.writeHead(200, { "content-length": "2000" }).end("x".repeat(2000)),
  "/big-chunked": (response) => {
    response.writeHead(200);
    for (let chunk = 0; chunk < 20; chunk += 1) response.write("y".repeat(100));
    response.end();
  },
  "/silent": () => undefined,
};

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ url: request.url ?? "", headers: request.headers });
    const route = routes[request.url ?? ""];
    if (route) route(response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const limits = { timeoutMs: 5_000, maxBodyBytes: 1_000 };

async function failureOf(promise: Promise<unknown>): Promise<CalendarFailure> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CalendarFailure);
  return error as CalendarFailure;
}

describe("safe fetch refusing private addresses", () => {
  const safeFetch = createSafeFetch({ ...limits, allowPrivateUrls: false });

  it("refuses a loopback IP literal without connecting", async () => {
    const before = seen.length;
    const failure = await failureOf(safeFetch(`${origin}/hello`));
    expect(failure.kind).toBe("refused");
    expect(failure.message).toMatch(/private address/);
    expect(seen.length).toBe(before);
  });

  it("refuses a name that resolves to loopback, where the socket would connect", async () => {
    const before = seen.length;
    const failure = await failureOf(safeFetch(`${origin.replace("127.0.0.1", "localhost")}/hello`));
    expect(failure.kind).toBe("refused");
    expect(failure.message).toMatch(/localhost resolves to the private address/);
    expect(seen.length).toBe(before);
  });

  it("refuses IPv6 loopback and IPv4-mapped loopback literals", async () => {
    for (const url of ["http://[::1]:1/", "http://[::ffff:127.0.0.1]:1/", "http://0.0.0.0:1/", "http://169.254.169.254/latest/meta-data/"]) {
      const failure = await failureOf(safeFetch(url));
      expect(failure.kind, url).toBe("refused");
    }
  });

  it("checks again where a public server redirects to", async () => {
    // A stand-in for a public server: it answers the first request with a redirect to loopback.
    const requested: string[] = [];
    const publicRedirect = (async (url: string | URL | Request) => {
      requested.push(String(url));
      return new Response(null, { status: 302, headers: { location: `${origin}/hello` } });
    }) as typeof fetch;
    const redirecting = createSafeFetch({ ...limits, allowPrivateUrls: false, fetch: publicRedirect });
    const failure = await failureOf(redirecting("https://calendar.example.com/feed.ics"));
    expect(failure.kind).toBe("refused");
    expect(requested).toEqual(["https://calendar.example.com/feed.ics"]);
  });

  it("refuses schemes other than http and https, and credentials in the URL", async () => {
    expect((await failureOf(safeFetch("file:///etc/passwd"))).kind).toBe("rejected");
    expect((await failureOf(safeFetch("ftp://example.com/feed.ics"))).kind).toBe("rejected");
    expect((await failureOf(safeFetch("https://user:pw@example.com/feed.ics"))).kind).toBe("rejected");
    expect((await failureOf(safeFetch("not a url"))).kind).toBe("rejected");
  });
});

describe("safe fetch with private addresses allowed", () => {
  const safeFetch = createSafeFetch({ ...limits, allowPrivateUrls: true });

  it("reaches the loopback server, by literal and by name", async () => {
    expect(await safeFetch(`${origin}/hello`)).toMatchObject({ status: 200, body: "hello" });
    expect(await safeFetch(`${origin.replace("127.0.0.1", "localhost")}/hello`)).toMatchObject({ status: 200, body: "hello" });
  });

  it("follows a redirect and says where the answer came from", async () => {
    const response = await safeFetch(`${origin}/redirect-once`);
    expect(response).toMatchObject({ status: 200, body: "hello", url: `${origin}/hello` });
  });

  it("gives up on a redirect loop", async () => {
    const failure = await failureOf(safeFetch(`${origin}/loop`));
    expect(failure.kind).toBe("rejected");
    expect(failure.message).toMatch(/redirected more than 5 times/);
  });

  it("refuses a body over the cap, declared or streamed", async () => {
    expect((await failureOf(safeFetch(`${origin}/big-declared`))).message).toMatch(/larger than 1000 bytes/);
    expect((await failureOf(safeFetch(`${origin}/big-chunked`))).message).toMatch(/larger than 1000 bytes/);
  });

  it("gives up on a server that never answers, as unavailable", async () => {
    const impatient = createSafeFetch({ ...limits, timeoutMs: 200, allowPrivateUrls: true });
    const failure = await failureOf(impatient(`${origin}/silent`));
    expect(failure.kind).toBe("unavailable");
    expect(failure.message).toMatch(/did not answer within 200 ms/);
  });

  it("reports a closed port as unavailable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await failureOf(safeFetch(`http://127.0.0.1:${port}/`));
    expect(failure.kind).toBe("unavailable");
    expect(failure.message).toMatch(/ECONNREFUSED/);
  });

  it("does not carry the credentials from https to a plain http redirect", async () => {
    const sent: Array<Record<string, string>> = [];
    const fake = (async (url: string | URL | Request, init?: RequestInit) => {
      sent.push({ ...(init?.headers as Record<string, string>) });
      return String(url).startsWith("https:") ? new Response(null, { status: 301, headers: { location: `${origin}/hello` } }) : new Response("plain");
    }) as typeof fetch;
    const options: SafeFetchOptions = { ...limits, allowPrivateUrls: true, fetch: fake };
    await createSafeFetch(options)("https://calendar.example.com/", { headers: { authorization: "Basic c2VjcmV0" } });
    expect(sent[0]?.authorization).toBe("Basic c2VjcmV0");
    expect(sent[1]?.authorization).toBeUndefined();
  });
});
