// Outbound webhooks in a real browser: an owner adds an endpoint on the
// Integrations page pointing at a loopback receiver the spec runs (it verifies
// every request with the official standardwebhooks library), sees the signing
// secret once, sends a test, watches a booking's message arrive through the
// delivery worker, finds both in the delivery log, replays one (same
// webhook-id) and disables the endpoint. Then the same page at phone width.
import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { apiOwner, expectAccessible, openLink, PHONE, shot, signIn } from "./support.js";

const RECEIVER_PORT = Number(process.env.E2E_WEBHOOK_RECEIVER_PORT ?? 4963);
const RECEIVER = `http://127.0.0.1:${RECEIVER_PORT}`;

type Received = { path: string; id: string; headers: Record<string, string>; body: string };
const received: Received[] = [];
let server: Server;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = { "webhook-id": String(request.headers["webhook-id"]), "webhook-timestamp": String(request.headers["webhook-timestamp"]), "webhook-signature": String(request.headers["webhook-signature"]) };
      received.push({ path: request.url ?? "/", id: headers["webhook-id"], headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(RECEIVER_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

const to = (path: string) => received.filter((request) => request.path === path);
const verify = (request: Received, secret: string) => new Webhook(secret).verify(request.body, request.headers) as { type: string; data: Record<string, unknown> };

test("adds an endpoint, shows its secret once, sends a test, logs a booking's message, replays and disables", async ({ page, request }) => {
  const owner = await apiOwner(request, "webhooks");
  await signIn(page, owner, "/dashboard/integrations");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 2 })).toBeVisible();
  await expect(page.getByText("No webhook endpoints yet.")).toBeVisible();
  const form = page.getByRole("form", { name: "Add a webhook endpoint" });
  await form.getByLabel("Endpoint URL").fill(`${RECEIVER}/hooks/desktop`);
  await form.getByLabel("Description (optional)").fill("CRM");
  // Every event starts checked, the lead and calendar ones too.
  await expect(form.getByRole("checkbox", { name: /Lead status changed/ })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: /Calendar needs reconnecting/ })).toBeChecked();
  await form.getByRole("checkbox", { name: /Attendance recorded/ }).uncheck();
  await form.getByRole("button", { name: "Add endpoint" }).click();

  const secretField = page.getByRole("textbox", { name: "Signing secret", exact: true });
  await expect(secretField).toBeVisible();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^whsec_/);
  await expectAccessible(page);
  await shot(page, "webhooks-secret-once");
  await page.getByRole("button", { name: "Done, I stored it" }).click();
  // Shown once: gone from the page, and the list does not carry it.
  await expect(page.getByRole("textbox", { name: "Signing secret", exact: true })).toHaveCount(0);
  await expect(page.getByText("whsec_")).toHaveCount(0);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "CRM" }) });
  await expect(card.getByText("Enabled", { exact: true })).toBeVisible();
  await expect(card.getByText("Booking created, Booking rescheduled, Booking cancelled, Lead status changed, Calendar needs reconnecting")).toBeVisible();

  await card.getByRole("button", { name: "Send a test to CRM" }).click();
  await expect(card.getByRole("status")).toHaveText("Test sent: answered 204.");
  expect(to("/hooks/desktop")).toHaveLength(1);
  expect(verify(to("/hooks/desktop")[0]!, secret).type).toBe("webhook.test");

  // A booking on one of the owner's links: the delivery worker sends booking.created.
  const link = await openLink(request, owner);
  const startMs = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000;
  const booked = await request.post(`${new URL(link.apiUrl).pathname}/bookings`, {
    data: { start: new Date(startMs).toISOString(), durationMin: 30, timeZone: "Europe/Berlin", name: "Grace Hopper", email: "grace@example.com", answers: {} },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  await expect.poll(() => to("/hooks/desktop").length, { timeout: 20_000 }).toBe(2);
  const created = verify(to("/hooks/desktop")[1]!, secret);
  expect(created.type).toBe("booking.created");
  expect(created.data).toMatchObject({ sequence: 1, booking: { id: (await booked.json()).id, invitee: { email: "grace@example.com" } } });

  await page.reload();
  const log = card.locator("details");
  await log.getByText(/Delivery log \(2\)/).click();
  const rows = log.getByRole("row");
  await expect(rows.filter({ hasText: "booking.created" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "webhook.test" })).toHaveCount(1);
  await shot(page, "webhooks-log");

  const bookingRow = rows.filter({ hasText: "booking.created" });
  const messageId = to("/hooks/desktop")[1]!.id;
  await expect(bookingRow.getByText(messageId)).toBeVisible();
  await bookingRow.getByRole("button", { name: `Replay ${messageId}` }).click();
  await expect(card.getByRole("status")).toHaveText("Replayed: answered 204.");
  // The replay is the same message: the same webhook-id, so a receiver that saw it can drop it.
  expect(to("/hooks/desktop")).toHaveLength(3);
  expect(to("/hooks/desktop")[2]!.id).toBe(messageId);
  expect(verify(to("/hooks/desktop")[2]!, secret).type).toBe("booking.created");
  await expect(log.getByText(/\(replay\)/)).toBeVisible();

  await card.getByRole("button", { name: "Disable" }).click();
  await expect(card.getByRole("status")).toHaveText("Disabled.");
  await expect(card.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: "Enable" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "webhooks-disabled");
});

test.describe("phone", () => {
  test.use(PHONE);

  test("the Webhooks section fits a phone: form, secret and the log's table scroll inside the card", async ({ page, request }) => {
    const owner = await apiOwner(request, "webhooks-phone");
    await signIn(page, owner, "/dashboard/integrations");
    const form = page.getByRole("form", { name: "Add a webhook endpoint" });
    await form.getByLabel("Endpoint URL").fill(`${RECEIVER}/hooks/phone`);
    await form.getByLabel("Description (optional)").fill("Phone CRM");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByRole("textbox", { name: "Signing secret", exact: true })).toBeVisible();
    await shot(page, "webhooks-phone-secret");
    await page.getByRole("button", { name: "Done, I stored it" }).click();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Phone CRM" }) });
    await card.getByRole("button", { name: "Send a test to Phone CRM" }).click();
    await expect(card.getByRole("status")).toHaveText("Test sent: answered 204.");
    await card.locator("details").getByText(/Delivery log \(1\)/).click();
    await expect(card.getByRole("row").filter({ hasText: "webhook.test" })).toBeVisible();
    // Nothing wider than the screen: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page);
    await shot(page, "webhooks-phone");
  });
});
