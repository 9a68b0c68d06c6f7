// The loopback HTTP server under the Cal.com and Calendly fakes: a request log,
// JSON in and out, and the outages a test needs to see Convene survive a
// provider that is down: 503 answers, connections closed mid-request, and no
// listener at all (connection refused), each switched off again by the test.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type LoggedProviderRequest = { method: string; path: string; query: Record<string, string>; headers: Record<string, string | undefined>; body: unknown };

export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

export type FakeHandler = (request: LoggedProviderRequest, url: URL) => FakeAnswer | Promise<FakeAnswer>;

/** "503": every request answered 503; "close": the socket is destroyed without an answer; "refuse": nothing listens on the port. */
export type OutageMode = "503" | "close" | "refuse";

export type ProviderFakeServer = {
  baseUrl: string;
  requests(): LoggedProviderRequest[];
  clearRequests(): void;
  setOutage(mode: OutageMode | null): Promise<void>;
  stop(): Promise<void>;
};

export async function startProviderFakeServer(handler: FakeHandler, outageBody: unknown): Promise<ProviderFakeServer> {
  const log: LoggedProviderRequest[] = [];
  let outage: OutageMode | null = null;

  const server = createServer((req, res) => {
    readBody(req)
      .then(async (raw) => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        if (outage === "close") {
          req.socket.destroy();
          return;
        }
        let body: unknown = raw.length > 0 ? raw : undefined;
        if (raw.length > 0 && (req.headers["content-type"] ?? "").startsWith("application/json")) {
          try {
            body = JSON.parse(raw);
          } catch {
            body = raw;
          }
        }
        const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : value]));
        const logged: LoggedProviderRequest = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body };
        log.push(logged);
        if (outage === "503") return send(res, { status: 503, body: outageBody });
        send(res, await handler(logged, url));
      })
      .catch((failure: unknown) => {
        // A fake bug must fail the test loudly, not look like a provider outage.
        send(res, { status: 599, body: { fakeBug: String(failure instanceof Error ? failure.stack : failure) } });
      });
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: () => [...log],
    clearRequests: () => void log.splice(0),
    async setOutage(mode) {
      if (outage === "refuse" && mode !== "refuse") await listen(port);
      if (mode === "refuse" && outage !== "refuse") await close();
      outage = mode;
    },
    async stop() {
      if (outage !== "refuse") await close();
      outage = "refuse";
    },
  };
}

function send(res: ServerResponse, answer: FakeAnswer): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status, answer.headers);
    res.end();
    return;
  }
  res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
