// Mail throughput (`npm run bench -- mail`): books N meetings (2N confirmations:
// invitee and host), then starts the notification relay and workers as
// `convene serve` does, sending through nodemailer to a local SMTP listener,
// and reports mails/s from the first relay pass to the last message received.
//   --bookings N (300)  --concurrency N (NOTIFY_CONCURRENCY's default)  --database-url postgres://… (or CONVENE_BENCH_DATABASE_URL; default PGlite)
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createSmtpMailer } from "../src/adapters/email/smtp-mailer.js";
import { DEFAULT_NOTIFY_CONCURRENCY, startDeliveryJobs } from "../src/adapters/jobs/delivery-jobs.js";
import { channelRuntime, defaultChannels } from "../src/main.js";
import { book, createLink } from "../test/support/booking-fixtures.js";
import { startSmtpListener } from "../test/support/smtp-listener.js";
import { signUpOwner, startTestApp } from "../test/support/test-app.js";

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { bookings: { type: "string", default: "300" }, concurrency: { type: "string" }, "database-url": { type: "string" } },
  });
  const bookingCount = Number(values.bookings);
  const concurrency = values.concurrency ? Number(values.concurrency) : DEFAULT_NOTIFY_CONCURRENCY;
  const postgresUrl = values["database-url"] ?? process.env["CONVENE_BENCH_DATABASE_URL"];
  if (postgresUrl) process.env["CONVENE_TEST_DATABASE_URL"] = postgresUrl;

  const smtp = await startSmtpListener();
  const t = await startTestApp(postgresUrl ? "postgres" : "pglite", {
    mailer: createSmtpMailer({ smtpUrl: smtp.url, from: "Convene <no-reply@convene.test>", maxConnections: concurrency }),
    rateLimits: { publicBookingsPerMinute: 1_000_000, publicReadsPerMinute: 1_000_000 },
  });
  try {
    const owner = await signUpOwner(t.app, "bench");
    const link = await createLink(t.app, owner, {
      slug: "mail-bench",
      durationsMin: [5],
      slotIntervalMin: 5,
      timeZone: "UTC",
      maxDaysAhead: 366,
      weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }],
    });
    const firstStartMs = t.clock.nowMs + 2 * 86_400_000;
    for (let i = 0; i < bookingCount; i++) {
      const response = await book(t.app, link.apiPath, new Date(firstStartMs + i * 5 * 60_000).toISOString(), { durationMin: 5, email: `invitee${i}@example.com` });
      if (response.statusCode !== 201) throw new Error(`booking ${i}: ${response.statusCode} ${response.body}`);
    }
    const expected = bookingCount * 2;
    console.log(`${bookingCount} bookings made on ${t.database.engine}; delivering ${expected} confirmations with concurrency ${concurrency}`);

    const startedMs = Date.now();
    const startedCpu = process.cpuUsage();
    const channels = defaultChannels(t.deps);
    const jobs = await startDeliveryJobs({
      database: t.database,
      ...channelRuntime(t.deps.store, channels),
      clock: () => t.clock.nowMs,
      logger: pino({ level: "warn" }),
      retry: { limit: 3, delaySeconds: 10 },
      relayIntervalMs: 1_000,
      concurrency,
    });
    try {
      await smtp.waitForCount(expected, 15 * 60_000);
      const seconds = (Date.now() - startedMs) / 1000;
      const cpu = process.cpuUsage(startedCpu);
      // CPU per message (Convene and the listener's parser share this process) says what a busy machine hides.
      console.log(`mail: ${expected} messages in ${seconds.toFixed(1)} s = ${(expected / seconds).toFixed(1)} mails/s; CPU ${((cpu.user + cpu.system) / 1000 / expected).toFixed(1)} ms per message`);
    } finally {
      await jobs.stop();
    }
    return 0;
  } finally {
    await t.close();
    await smtp.close();
  }
}
