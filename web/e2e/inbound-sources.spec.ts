// Integrations in a real browser: an owner adds a Cal.com source, copies the
// webhook URL and secret shown once, Cal.com (played by the test) posts a
// signed BOOKING_CREATED to that URL, and the meeting appears in the bookings
// list with its Cal.com badge. Screenshots on a desktop and a phone; axe on both.
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { apiOwner, expectAccessible, PHONE, shot, signIn } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

/** A BOOKING_CREATED as Cal.com's webhook documentation describes it, two days ahead. */
function calcomCreated(uid: string) {
  const startMs = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000;
  return {
    triggerEvent: "BOOKING_CREATED",
    createdAt: new Date().toISOString(),
    payload: {
      uid,
      title: "Discovery call between Olivia and Hedy Lamarr",
      eventTitle: "Discovery call",
      startTime: new Date(startMs).toISOString(),
      endTime: new Date(startMs + 30 * 60_000).toISOString(),
      organizer: { name: "Olivia", email: "olivia@cal.example", timeZone: "Europe/London" },
      attendees: [{ name: "Hedy Lamarr", email: "hedy@example.com", timeZone: "America/Los_Angeles" }],
      responses: { name: { label: "your_name", value: "Hedy Lamarr" }, email: { label: "email_address", value: "hedy@example.com" } },
      videoCallData: { url: "https://app.cal.com/video/e2e" },
    },
  };
}

for (const device of ["desktop", "phone"] as const) {
  test.describe(device, () => {
    if (device === "phone") test.use(PHONE);

    test("adds a Cal.com source, receives a signed delivery, and lists the booking with its badge", async ({ page, request }) => {
      const owner = await apiOwner(request, `inbound-${device}`);
      await signIn(page, owner, "/dashboard/integrations");
      await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
      await expect(page.getByText("No sources yet.")).toBeVisible();
      await page.getByLabel("Provider").selectOption("calcom");
      await page.getByLabel("Name", { exact: true }).fill("Sales Cal.com");
      await page.getByRole("button", { name: "Add source" }).click();
      const urlField = page.getByLabel("Webhook URL");
      await expect(urlField).toBeVisible();
      await expect(page.getByText("Settings → Developer → Webhooks → New")).toBeVisible();
      await expectAccessible(page);
      await shot(page, `inbound-sources-created-${device}`);
      const webhookUrl = await urlField.inputValue();
      const secret = await page.getByLabel("Signing secret").inputValue();
      expect(secret.length).toBeGreaterThanOrEqual(32);

      const body = Buffer.from(JSON.stringify(calcomCreated(`e2e-${device}-${Date.now()}`)));
      const signature = createHmac("sha256", secret).update(body).digest("hex");
      const refused = await request.post(new URL(webhookUrl).pathname, { data: body, headers: { "content-type": "application/json", "x-cal-signature-256": "0".repeat(64) } });
      expect(refused.status()).toBe(401);
      const delivered = await request.post(new URL(webhookUrl).pathname, { data: body, headers: { "content-type": "application/json", "x-cal-signature-256": signature } });
      expect(delivered.status(), await delivered.text()).toBe(200);
      expect(await delivered.json()).toEqual({ status: "processed" });

      await page.getByRole("button", { name: "Done, I stored it" }).click();
      await page.reload();
      const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Sales Cal.com" }) });
      await expect(card.getByText("Refused deliveries (1)")).toBeVisible();
      await card.getByText("Refused deliveries (1)").click();
      await expect(card.getByRole("cell", { name: "signature mismatch" })).toBeVisible();
      await expectAccessible(page);
      await shot(page, `inbound-sources-list-${device}`);

      await page.goto("/dashboard/bookings");
      const row = page.getByText("Hedy Lamarr").first();
      await expect(row).toBeVisible();
      await expect(page.getByText("Cal.com", { exact: true }).first()).toBeVisible();
      await expectAccessible(page);
      await shot(page, `inbound-sources-bookings-${device}`);
    });
  });
}
