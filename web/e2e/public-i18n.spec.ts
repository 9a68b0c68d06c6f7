// The invitee's pages in the invitee's language: a French browser books in
// French with French dates, switches to German in the menu (remembered), and
// the confirmation has an address of its own that a reload shows again. The
// manage page shows where the meeting is and that a late meeting ends the next day.
import { expect, test, type Page } from "@playwright/test";
import { DAY_MS, dateIn, openPage, pathOf } from "./booking-steps.js";
import { apiOwner, expectAccessible, openLink, PHONE, shot } from "./support.js";

const DESKTOP = { viewport: { width: 1280, height: 900 } };

// Three pages, two languages and two accessibility checks in one story: more than the default minute on a shared machine.
test.describe.configure({ timeout: 150_000 });

/** pickDay and pickSlot of booking-steps.ts, in whatever words the page speaks. */
async function pickDayAndTime(page: Page, date: string, time: string, words: { nextMonth: string; pickATime: string; details: string }) {
  const day = page.locator(`[data-date="${date}"]`);
  await expect(page.locator('.calendar-grid[aria-busy="false"]')).toBeVisible();
  for (let i = 0; i < 3 && (await day.count()) === 0; i += 1) await page.getByRole("button", { name: words.nextMonth }).click();
  await expect(day).toHaveClass(/is-available/);
  await day.click();
  await page.getByRole("region", { name: words.pickATime }).getByRole("button", { name: time, exact: true }).click();
  await expect(page.getByRole("heading", { name: words.details })).toBeFocused();
}

const dateLabel = (locale: string, timeZone: string, instant: Date) => new Intl.DateTimeFormat(locale, { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone }).format(instant);

test("a French browser books in French, switches to German in the menu, and a reload shows the confirmation again", async ({ browser, request }) => {
  const owner = await apiOwner(request, "i18n");
  const link = await openLink(request, owner, { location: { type: "phone", value: "+33 1 23 45 67 89" } });
  const page = await openPage(browser, link.bookingUrl, { ...DESKTOP, timezoneId: "Europe/Paris", locale: "fr-FR" });

  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("combobox", { name: "Heures affichées en" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Choisir un jour" })).toBeVisible();
  await expect(page.locator('th abbr[title="lundi"]')).toHaveText("lun.");
  await expect(page.getByText("Appel téléphonique")).toBeVisible();
  await expect(page.getByText("Choisissez un jour et une heure, puis indiquez vos coordonnées ici.")).toBeVisible();

  const day = dateIn("Europe/Paris", 2);
  // Noon UTC falls on the same date in Paris: the date the labels must name.
  const startUtc = new Date(`${day}T12:00:00Z`);
  await pickDayAndTime(page, day, "10:00", { nextMonth: "Mois suivant", pickATime: "Choisir une heure", details: "Vos coordonnées" });
  await expect(page.locator(".form-summary")).toContainText(`${dateLabel("fr-FR", "Europe/Paris", startUtc)}, 10:00 – 10:30`);
  await expect(page.locator(".slots-title")).toHaveText(new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`)));

  await page.getByRole("button", { name: "Confirmer la réservation" }).click();
  await expect(page.getByText("Veuillez saisir votre nom.")).toBeVisible();
  await shot(page, "public-i18n-french-form");
  await expectAccessible(page);

  await page.getByRole("combobox", { name: "Langue" }).selectOption("de");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { name: "Ihre Angaben" })).toBeVisible();
  await expect(page.locator('th abbr[title="Montag"]')).toHaveText("Mo");
  await expect(page.locator(".form-summary")).toContainText(`${dateLabel("de", "Europe/Paris", startUtc)}, 10:00 – 10:30`);
  await page.getByLabel("Ihr Name").fill("Ada Lovelace");
  await page.getByLabel("E-Mail", { exact: true }).fill("ada@example.com");
  await page.getByRole("button", { name: "Buchung bestätigen" }).click();

  await expect(page.getByRole("heading", { name: "Ihr Termin ist gebucht" })).toBeFocused();
  expect(pathOf(page.url())).toMatch(/^\/manage\/[\w-]+$/);
  expect(new URL(page.url()).searchParams.get("booked")).toBe("1");
  await expect(page.locator(".when-date")).toHaveText(dateLabel("de", "Europe/Paris", startUtc));
  await expect(page.getByText("Eine Bestätigung mit Kalendereinladung ist unterwegs an ada@example.com.")).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Telefon" })).toBeVisible();
  await expect(page.getByText("+33 1 23 45 67 89")).toBeVisible();
  await shot(page, "public-i18n-german-confirmation");
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Ihr Termin ist gebucht" })).toBeVisible();
  await expect(page.locator(".when-time")).toHaveText("10:00 – 10:30");
  await expect(page.getByRole("button", { name: "Buchung bestätigen" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Verschieben" })).toBeVisible();

  // The choice is remembered: the booking page opens in German in this browser from now on.
  await page.goto(pathOf(link.bookingUrl));
  await expect(page.getByRole("region", { name: "Tag wählen" })).toBeVisible();
  await page.context().close();
});

test("?lang= in the address overrides an English browser", async ({ browser, request }) => {
  const owner = await apiOwner(request, "i18n-url");
  const link = await openLink(request, owner);
  const page = await openPage(browser, link.bookingUrl, { ...PHONE, timezoneId: "UTC", locale: "en-GB" });
  await expect(page.getByRole("region", { name: "Pick a day" })).toBeVisible();
  await page.goto(`${pathOf(link.bookingUrl)}?lang=es`);
  await expect(page.getByRole("region", { name: "Elige un día" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Horas mostradas en" })).toBeVisible();
  await expect(page.locator('th abbr[title="lunes"]')).toHaveText("lun");
  await shot(page, "public-i18n-spanish-phone");
  await page.context().close();
});

test("the manage page shows where the meeting is and that a late meeting ends the next day, as does the booking form", async ({ browser, request }) => {
  const owner = await apiOwner(request, "i18n-late");
  const link = await openLink(request, owner, { location: { type: "in_person", value: "Rue de Rivoli 1, Paris" } });
  // 18:00–18:30 UTC is 23:30–00:00 in Kolkata (UTC+05:30, no DST).
  const day = dateIn("UTC", 2);
  const response = await request.post(`${pathOf(link.apiUrl)}/bookings`, {
    data: { start: `${day}T18:00:00.000Z`, durationMin: 30, timeZone: "Asia/Kolkata", name: "Ada Lovelace", email: "ada@example.com", answers: {} },
  });
  expect(response.status(), await response.text()).toBe(201);
  const booked = (await response.json()) as { manageUrl: string };

  const page = await openPage(browser, booked.manageUrl, { ...PHONE, timezoneId: "Asia/Kolkata", locale: "en-GB" });
  await expect(page.locator(".when-time")).toHaveText("23:30 – 00:00 (next day)");
  await expect(page.getByRole("term").filter({ hasText: "Where" })).toBeVisible();
  await expect(page.getByText("Rue de Rivoli 1, Paris")).toBeVisible();
  await expect(page.getByText("You're booked")).toHaveCount(0);
  await shot(page, "public-i18n-manage-next-day");
  await expectAccessible(page);

  await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
  await expect(page.locator(".when-time")).toHaveText("23:30 – 00:00 (le lendemain)");
  await expect(page.getByRole("term").filter({ hasText: "Où" })).toBeVisible();

  // The booking form's summary says it too, for the next day's 23:30.
  await page.goto(pathOf(link.bookingUrl));
  const nextDay = new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  await pickDayAndTime(page, nextDay, "23:30", { nextMonth: "Mois suivant", pickATime: "Choisir une heure", details: "Vos coordonnées" });
  await expect(page.locator(".form-summary")).toContainText("23:30 – 00:00 (le lendemain)");
  await page.context().close();
});
