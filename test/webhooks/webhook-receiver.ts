// A loopback Standard Webhooks receiver for the suites: it records every
// request with its raw body, verifies nothing itself (the tests verify with
// the official library), and answers what the test scripts (200 by default).
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

export type ReceivedWebhook = { path: string; headers: IncomingHttpHeaders; body: string };
export type ScriptedAnswer = { status: number; headers?: Record<string, string>; body?: string };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Answers for the next requests to this path, in order; afterwards 200. */
  script(path: string, answers: ScriptedAnswer[]): void;
  /** Every request to this path is answered so. */
  always(path: string, answer: ScriptedAnswer): void;
  to(path: string): ReceivedWebhook[];
};

export function useWebhookReceiver(): WebhookReceiver {
  const scripted = new Map<string, ScriptedAnswer[]>();
  const fixed = new Map<string, ScriptedAnswer>();
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = scripted.get(path)?.shift() ?? fixed.get(path) ?? { status: 200, body: "ok" };
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? "");
    });
  });
  const receiver: WebhookReceiver = {
    url: "",
    received,
    script: (path, answers) => scripted.set(path, [...answers]),
    always: (path, answer) => fixed.set(path, answer),
    to: (path) => received.filter((request) => request.path === path),
  };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return receiver;
}

/** The Standard Webhooks headers of a request, as the official library's verify() takes them. */
export function signedHeaders(request: ReceivedWebhook): Record<string, string> {
  return {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  };
}
