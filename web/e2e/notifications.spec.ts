// The bell in the dashboard's top bar, in a real browser: a booking made
// through the public booking API shows up in the bell without a reload (the
// live stream), the list opens the booking and marks the notice read, and
// "Mark all read" clears the count; on a desktop and on a phone, with axe.
import { expect, test, type Page } from "@playwright/test";
import { apiOwner, expectAccessible, openLink, PHONE, shot, signIn } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

type Slots = { days: { slots: { start: string }[] }[] };

async function bookThroughPublicApi(page: Page, apiUrl: string, name: string, email: string, index: number) {
  const slots = (await (await page.request.get(`${apiUrl}/slots`)).json()) as Slots;
  const starts = slots.days.flatMap((day) => day.slots.map((slot) => slot.start)).filter((start) => Date.parse(start) > Date.now() + 2 * 3_600_000);
  const response = await page.request.post(`${apiUrl}/bookings`, {
    data: { start: starts[index * 2]!, timeZone: "Europe/London", name, email, answers: { company: "Analytical Engines" } },
  });
  expect(response.status(), await response.text()).toBe(201);
}

for (const device of ["desktop", "phone"] as const) {
  test.describe(`the bell on a ${device}`, () => {
    if (device === "phone") test.use(PHONE);

    test("shows a new booking live, opens it, and marks notices read", async ({ page }) => {
      test.setTimeout(120_000);
      const owner = await apiOwner(page.request, `bell-${device}`);
      const link = await openLink(page.request, owner, {
        title: "Intro call",
        slug: "bell-intro",
        questions: [{ id: "company", label: "Company", type: "short_text", isRequired: false }],
      });
      await signIn(page, owner, "/dashboard/bookings");
      const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
      await expect(bell).toHaveAccessibleName("Notifications, 0 unread");

      // Booked elsewhere (the public booking API) while the dashboard stays open: no reload.
      await bookThroughPublicApi(page, link.apiUrl, "Ada Lovelace", `ada-${device}@example.com`, 0);
      await expect(bell).toHaveAccessibleName("Notifications, 1 unread", { timeout: 30_000 });
      // The bookings list refreshed too.
      await expect(page.getByText("Ada Lovelace").first()).toBeVisible();
      await bookThroughPublicApi(page, link.apiUrl, "Grace Hopper", `grace-${device}@example.com`, 1);
      await expect(bell).toHaveAccessibleName("Notifications, 2 unread", { timeout: 30_000 });

      await bell.click();
      const panel = page.getByRole("region", { name: "Notifications" });
      await expect(panel.getByRole("button", { name: /New meeting booked: Grace Hopper – Analytical Engines/ })).toBeVisible();
      const items = panel.getByRole("listitem");
      await expect(items).toHaveCount(2);
      await expect(items.first()).toContainText("Grace Hopper");
      await expectAccessible(page);
      await shot(page, `notifications-bell-${device}`);

      await panel.getByRole("button", { name: /New meeting booked: Ada Lovelace – Analytical Engines/ }).click();
      await expect(page).toHaveURL(/\/dashboard\/bookings\/[0-9a-f-]{36}$/);
      await expect(page.getByText("Ada Lovelace").first()).toBeVisible();
      await expect(bell).toHaveAccessibleName("Notifications, 1 unread");

      await bell.click();
      await page.getByRole("button", { name: "Mark all read" }).click();
      await expect(bell).toHaveAccessibleName("Notifications, 0 unread");
      await expect(page.getByRole("region", { name: "Notifications" }).getByText("Unread:")).toHaveCount(0);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("region", { name: "Notifications" })).toHaveCount(0);

      if (device === "desktop") {
        // The top bar: brand, the eleven sections and the buttons (with the bell) in one row from 1440 px.
        await page.setViewportSize({ width: 1440, height: 720 });
        const middleOf = async (locator: ReturnType<Page["locator"]>) => {
          const box = (await locator.boundingBox())!;
          return Math.round(box.y + box.height / 2);
        };
        const row = await middleOf(page.locator(".brand"));
        for (const locator of [page.getByRole("navigation", { name: "Dashboard" }), bell, page.getByRole("button", { name: "Sign out" })]) expect(Math.abs((await middleOf(locator)) - row)).toBeLessThanOrEqual(4);
        const bar = (await page.locator(".topbar-inner").boundingBox())!;
        expect(bar.height).toBeLessThan(70);
      }
    });
  });
}
