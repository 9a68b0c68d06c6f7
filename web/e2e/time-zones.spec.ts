// Time zones by today's names in a real browser. Chromium's ICU still calls the
// browser's zone Asia/Calcutta and lists Europe/Kiev and Asia/Saigon; every zone
// control shows the current names and finds them by city, old name or country.
import { expect, test } from "@playwright/test";
import { apiOwner, expectAccessible, openLink, shot } from "./support.js";

test.use({ timezoneId: "Asia/Kolkata", locale: "en-GB" });

test("the public picker shows Asia/Kolkata for an Indian visitor and finds Kyiv, Kolkata and Calcutta", async ({ page, request }) => {
  const owner = await apiOwner(request, "zones");
  const link = await openLink(request, owner);
  await page.goto(new URL(link.bookingUrl).pathname);

  const picker = page.getByRole("combobox", { name: "Times are shown in" });
  await expect(picker).toHaveValue("Asia/Kolkata (GMT+5:30)");
  // The page's language menu has options too: count only the zone list's.
  const zones = page.getByRole("listbox", { name: "Time zones" });
  await picker.click();
  await picker.fill("Kyiv");
  await expect(zones.getByRole("option")).toHaveText([/^Europe\/KyivGMT\+[23]$/]);
  await shot(page, "time-zones-public-kyiv");
  await expectAccessible(page);
  await picker.press("Enter");
  await expect(picker).toHaveValue(/^Europe\/Kyiv \(GMT\+[23]\)$/);

  await picker.click();
  for (const query of ["Kolkata", "Calcutta"]) {
    await picker.fill(query);
    await expect(zones.getByRole("option")).toHaveText(["Asia/KolkataGMT+5:30"]);
  }
  await picker.fill("India");
  await expect(zones.getByRole("option").first()).toHaveText("Asia/KolkataGMT+5:30");
  await picker.fill("Ho Chi Minh");
  await expect(zones.getByRole("option")).toHaveText(["Asia/Ho Chi MinhGMT+7"]);
  await shot(page, "time-zones-public-ho-chi-minh");
  await expect(zones.getByRole("option", { name: /Calcutta|Kiev|Saigon/ })).toHaveCount(0);
});

test("sign-up and profile zone fields start at Asia/Kolkata and find Kyiv", async ({ page }) => {
  await page.goto("/signup");
  const zone = page.getByLabel("Your time zone", { exact: true });
  await expect(zone).toHaveValue("Asia/Kolkata");
  const filter = page.getByRole("searchbox", { name: "Filter the time zone list" });
  await filter.fill("Kyiv");
  await expect(zone.locator("option")).toContainText(["Europe/Kyiv"]);
  await filter.press("Enter");
  await expect(zone).toHaveValue("Europe/Kyiv");
  await filter.fill("Calcutta");
  await expect(zone.locator("option", { hasText: "Asia/Kolkata" })).toHaveCount(1);
  await expect(zone.locator("option", { hasText: /Calcutta|Kiev/ })).toHaveCount(0);
  await shot(page, "time-zones-signup");
});
