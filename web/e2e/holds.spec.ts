// The booking page holds the picked time while the invitee types: a second
// invitee does not see it, picking another time lets the first one go, and
// the holder books the held time (with the hold's token: without it their own
// hold would stand in the way).
import { expect, test } from "@playwright/test";
import { dateIn, openPage, pickDay, pickSlot, times } from "./booking-steps.js";
import { apiOwner, expectAccessible, openLink, PHONE, shot } from "./support.js";

const DESKTOP = { viewport: { width: 1280, height: 900 } };

test("a picked time is held: another invitee does not see it, and the holder books it", async ({ browser, request }) => {
  const owner = await apiOwner(request, "holds");
  const link = await openLink(request, owner);
  const zone = "UTC";
  const day = dateIn(zone, 4);

  const holder = await openPage(browser, link.bookingUrl, { ...DESKTOP, timezoneId: zone, locale: "en-GB" });
  await pickDay(holder, day);
  await pickSlot(holder, "13:00");
  await expect(holder.getByRole("status").filter({ hasText: "We're holding this time for you until" })).toBeVisible();
  // Changing one's mind lets the first time go.
  await pickSlot(holder, "14:00");
  const held = holder.getByRole("status").filter({ hasText: "We're holding this time for you until" });
  await expect(held).toBeVisible();
  await expect(held).toHaveText(/until \d{2}:\d{2}\.$/);
  await holder.getByLabel("Your name").fill("Holder");
  await holder.getByLabel("Email", { exact: true }).fill("holder@example.com");
  await shot(holder, "holds-held");
  await expectAccessible(holder);

  const other = await openPage(browser, link.bookingUrl, { ...PHONE, timezoneId: zone, locale: "en-GB" });
  await pickDay(other, day);
  await expect(times(other).filter({ hasText: "13:00" })).toHaveCount(1);
  await expect(times(other).filter({ hasText: "14:30" })).toHaveCount(1);
  await expect(times(other).filter({ hasText: "14:00" })).toHaveCount(0);
  await shot(other, "holds-other-invitee");

  await holder.getByRole("button", { name: "Confirm booking" }).click();
  await expect(holder.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(holder.locator(".when-time")).toHaveText("14:00 – 14:30");

  for (const page of [holder, other]) await page.context().close();
});
