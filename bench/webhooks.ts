// Outbound webhook benchmark (`npm run bench -- webhooks`): starts `convene
// serve` on loopback (PostgreSQL, or the embedded PGlite without a URL) with
// WEBHOOKS_ALLOW_PRIVATE_URLS=true, a receiver that verifies every message
// with the official standardwebhooks library, and measures what issue 16 asks:
// webhook delivery latency from commit to receipt (from the booking's 201
// answer, and from the event's own timestamp, which the server stamps inside
// the committing transaction), p50/p99/max; and that every message verified,
// none came twice, each booking's in order (every tenth booking is cancelled
// right after it is made, so it has two messages).
//   --bookings N (300)  --concurrency N (10)  --database-url postgres://… (or CONVENE_TEST_DATABASE_URL)
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Webhook } from "standardwebhooks";
import { createScratchDatabase } from "../test/support/postgres-database.js";
import { call, startServer } from "./server.js";

const percentile = (sortedMs: number[], p: number) => sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
const round = (ms: number) => Math.round(ms);
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${round(percentile(sorted, 50))} ms, p99 ${round(percentile(sorted, 99))} ms, max ${round(sorted.at(-1) ?? 0)} ms`;
};

type Received = { messageId: string; type: string; bookingId: string; sequence: number; timestampMs: number; receivedMs: number };

/** The verifying receiver: every request is checked with the official library before it counts. */
async function startReceiver() {
  let verifier: Webhook | null = null;
  const received: Received[] = [];
  let refused = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const receivedMs = Date.now();
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = { "webhook-id": String(request.headers["webhook-id"]), "webhook-timestamp": String(request.headers["webhook-timestamp"]), "webhook-signature": String(request.headers["webhook-signature"]) };
      try {
        const payload = verifier!.verify(body, headers) as { type: string; timestamp: string; data: { sequence: number; booking: { id: string } } };
        received.push({ messageId: headers["webhook-id"], type: payload.type, bookingId: payload.data.booking.id, sequence: payload.data.sequence, timestampMs: Date.parse(payload.timestamp), receivedMs });
        response.writeHead(204).end();
      } catch {
        refused += 1;
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    refusedCount: () => refused,
    useSecret: (secret: string) => (verifier = new Webhook(secret)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function signIn(baseUrl: string) {
  await call(baseUrl, "POST", "/api/v1/auth/signup", { email: "hooks@example.com", password: "benchmark password", name: "Hooks Owner", organization: "Hooks", timeZone: "UTC" });
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "hooks@example.com", password: "benchmark password" }) });
  return { cookie: login.headers.get("set-cookie")!.split(";")[0]!, "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken };
}

/** Makes the bookings, `concurrency` at a time; returns when each one's 201 answer arrived, and which were cancelled. */
async function makeBookings(baseUrl: string, owner: Record<string, string>, count: number, concurrency: number) {
  const link = await call(baseUrl, "POST", "/api/v1/links", { title: "Webhook bench", durationsMin: [30], weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }] }, owner);
  const apiPath = new URL(link.apiUrl as string).pathname;
  const firstMs = Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000;
  const answeredMs = new Map<string, number>();
  const cancelled = new Set<string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const start = new Date(firstMs + i * 1_800_000).toISOString();
        const booked = await call(baseUrl, "POST", `${apiPath}/bookings`, { start, durationMin: 30, timeZone: "UTC", name: `Invitee ${i}`, email: `invitee${i}@example.com`, answers: {} });
        answeredMs.set(booked.id as string, Date.now());
        if (i % 10 === 0) {
          await call(baseUrl, "POST", `/api/v1/bookings/${booked.id}/cancel`, {}, owner);
          cancelled.add(booked.id as string);
        }
      }
    }),
  );
  return { answeredMs, cancelled };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: [...argv],
    options: { bookings: { type: "string", default: "300" }, concurrency: { type: "string", default: "10" }, "database-url": { type: "string" } },
  });
  const count = Number(args.bookings);
  const postgresUrl = args["database-url"] ?? process.env["CONVENE_TEST_DATABASE_URL"] ?? process.env["CONVENE_BENCH_DATABASE_URL"];
  const database = postgresUrl ? await createScratchDatabase(postgresUrl, "convene_webhooks") : null;
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-webhooks-"));
  const receiver = await startReceiver();
  const env: Record<string, string> = {
    CONVENE_DATA_DIR: dataDir,
    WEBHOOKS_ALLOW_PRIVATE_URLS: "true",
    ...(database ? { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") } : {}),
  };
  // From sources: the built bin/ may lag the checkout being measured.
  const { child, baseUrl } = await startServer(env, { fromSources: true });
  try {
    const owner = await signIn(baseUrl);
    const endpoint = await call(baseUrl, "POST", "/api/v1/webhooks", { url: receiver.url, eventTypes: ["booking.created", "booking.cancelled"], description: "bench" }, owner);
    receiver.useSecret(endpoint.secret as string);
    const { answeredMs, cancelled } = await makeBookings(baseUrl, owner, count, Number(args.concurrency));
    const expected = count + cancelled.size;
    const deadlineMs = Date.now() + 180_000;
    while (receiver.received.length < expected && Date.now() < deadlineMs) await new Promise((resolve) => setTimeout(resolve, 100));
    // A little longer: a duplicate would arrive after the last expected message.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const { received } = receiver;
    const created = received.filter((message) => message.type === "booking.created");
    const fromAnswer = created.map((message) => message.receivedMs - answeredMs.get(message.bookingId)!);
    const fromEvent = received.map((message) => message.receivedMs - message.timestampMs);
    const isUnique = new Set(received.map((message) => message.messageId)).size === received.length;
    const isInOrder = [...cancelled].every((bookingId) => received.filter((message) => message.bookingId === bookingId).map((message) => `${message.sequence}:${message.type}`).join() === "1:booking.created,2:booking.cancelled");
    const isComplete = received.length === expected && created.length === count;
    console.log(`webhooks (${database ? "PostgreSQL" : "PGlite"}): ${count} bookings at ${args.concurrency} concurrent, ${cancelled.size} of them cancelled: ${expected} messages expected`);
    console.log(`  received ${received.length}, refused by the verifier ${receiver.refusedCount()}`);
    console.log(`  latency from the booking's 201 answer to receipt (booking.created): ${summary(fromAnswer)}`);
    console.log(`  latency from the event's timestamp (in the commit) to receipt (all): ${summary(fromEvent)}`);
    console.log(`  all verified: ${receiver.refusedCount() === 0 ? "yes" : "NO"}; none duplicated: ${isUnique ? "yes" : "NO"}; each booking in order: ${isInOrder ? "yes" : "NO"}; complete: ${isComplete ? "yes" : "NO"}`);
    return receiver.refusedCount() === 0 && isUnique && isInOrder && isComplete ? 0 : 1;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}
