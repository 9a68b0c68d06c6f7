// Google and Microsoft by consent in a real browser: an owner signs in, clicks
// "Connect Google Calendar", passes the (fake) consent page and lands back on
// the Calendars page with the Google account's calendars; the same for
// Microsoft Outlook. The fakes run beside Convene (test/fakes/serve-fakes.ts,
// started by playwright.config.ts) on fixed loopback ports. Screenshots on a
// desktop and a 390 px phone.
import { expect, test, type Page } from "@playwright/test";
import { BROWSER_FAKES } from "../../test/fakes/browser-fakes.js";
import { apiOwner, expectAccessible, PASSWORD, PHONE, shot } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

async function signInOnPage(page: Page, email: string) {
  await page.goto(`/signin?next=${encodeURIComponent("/dashboard/calendars")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Calendars", level: 1 })).toBeVisible();
}

/** Clicks a Connect button and follows the consent round trip back to the Calendars page; the card of the connection made. */
async function connectThrough(page: Page, button: string, label: string, consentOrigin: string) {
  const consentRequest = page.waitForRequest((request) => request.url().startsWith(consentOrigin));
  await page.getByRole("link", { name: button }).click();
  await consentRequest;
  await expect(page).toHaveURL(/\/dashboard\/calendars$/);
  await expect(page.getByRole("status").filter({ hasText: `Connected “${label}”` })).toBeVisible();
  const card = page.getByRole("article", { name: label });
  await expect(card).toBeVisible();
  return card;
}

test("connects Google Calendar and Microsoft Outlook through their consent pages", async ({ page, request }) => {
  const owner = await apiOwner(request, "oauth");
  await signInOnPage(page, owner.email);
  await expect(page.getByRole("link", { name: "Connect Google Calendar" })).toHaveAttribute("href", "/api/v1/calendars/connect/google");
  await expect(page.getByRole("link", { name: "Connect Microsoft Outlook" })).toBeVisible();

  const googleLabel = `Google Calendar: ${BROWSER_FAKES.googleAccount}`;
  const google = await connectThrough(page, "Connect Google Calendar", googleLabel, `http://127.0.0.1:${BROWSER_FAKES.googlePort}/`);
  await expect(google.getByRole("list", { name: `Calendars in ${googleLabel}` }).getByRole("listitem")).toHaveCount(2);
  await expect(google.getByRole("list", { name: `Calendars in ${googleLabel}` }).getByText(BROWSER_FAKES.calendarName)).toBeVisible();
  // Google calls back only on HTTPS, and this server is plain http on loopback: the card says it polls instead, and why.
  await expect(google.getByText(/Live updates are off/)).toContainText("HTTPS");
  await expect(google.getByText(`Google · Google Calendar · ${BROWSER_FAKES.googleAccount}`)).toBeVisible();

  const microsoftLabel = `Microsoft Outlook: ${BROWSER_FAKES.microsoftAccount}`;
  const microsoft = await connectThrough(page, "Connect Microsoft Outlook", microsoftLabel, `http://127.0.0.1:${BROWSER_FAKES.microsoftPort}/`);
  await expect(microsoft.getByRole("list", { name: `Calendars in ${microsoftLabel}` }).getByRole("listitem")).toHaveCount(2);
  await expect(microsoft.getByRole("list", { name: `Calendars in ${microsoftLabel}` }).getByText(BROWSER_FAKES.calendarName)).toBeVisible();

  // New bookings go to the Google calendar (the first connected): a new link may meet on Google Meet; Teams needs an
  // Outlook calendar to receive them, and says so.
  await page.goto("/dashboard/links/new");
  const location = page.getByRole("group", { name: "Location" });
  await expect(location.getByRole("radio", { name: "Google Meet" })).toBeEnabled();
  await expect(location.getByRole("radio", { name: /Microsoft Teams/ })).toBeDisabled();
  await expect(location).toContainText("let a Microsoft calendar receive new bookings first");
  await page.goto("/dashboard/calendars");

  // Connecting the same Google account again renews its connection: still two cards.
  await connectThrough(page, "Connect Google Calendar", googleLabel, `http://127.0.0.1:${BROWSER_FAKES.googlePort}/`);
  await expect(page.getByRole("article")).toHaveCount(2);
  await expectAccessible(page);
  await shot(page, "calendars-oauth-desktop");
});

test.describe("on a phone", () => {
  test.use({ ...PHONE, viewport: { width: 390, height: 844 } });

  test("offers both providers and shows a refused consent in words", async ({ page, request }) => {
    const owner = await apiOwner(request, "oauth-phone");
    await signInOnPage(page, owner.email);
    // A consent that comes back with an unknown state (a replay, another browser) is explained, not shown as JSON.
    await page.goto("/api/v1/calendars/callback/google?code=replayed&state=not-a-state");
    await expect(page).toHaveURL(/\/dashboard\/calendars$/);
    await expect(page.getByRole("alert")).toContainText("That sign-in link expired or was already used");
    const buttons = [page.getByRole("link", { name: "Connect Google Calendar" }), page.getByRole("link", { name: "Connect Microsoft Outlook" })];
    for (const button of buttons) {
      const box = (await button.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.goto("/dashboard/links/new");
    await expect(page.getByRole("radio", { name: /Google Meet/ })).toBeDisabled();
    await page.goto("/dashboard/calendars");
    await connectThrough(page, "Connect Microsoft Outlook", `Microsoft Outlook: ${BROWSER_FAKES.microsoftAccount}`, `http://127.0.0.1:${BROWSER_FAKES.microsoftPort}/`);
    await shot(page, "calendars-oauth-phone");
  });
});
