// The invitee's steps on a booking page, shared by the browser tests: open a
// page in a context of its own (zone, locale, viewport), pick a day in the
// calendar and a time in the day's list.
import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

export const DAY_MS = 86_400_000;

/** The calendar date ("2026-11-24") daysAhead days from now in a zone. */
export function dateIn(timeZone: string, daysAhead: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(Date.now() + daysAhead * DAY_MS);
}

export const pathOf = (url: string) => new URL(url).pathname;

export async function openPage(browser: Browser, url: string, options: BrowserContextOptions) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(pathOf(url));
  return page;
}

/** Clicks a day in the calendar, paging forward to its month first. */
export async function pickDay(page: Page, date: string) {
  const day = page.locator(`[data-date="${date}"]`);
  await expect(page.locator('.calendar-grid[aria-busy="false"]')).toBeVisible();
  for (let i = 0; i < 3 && (await day.count()) === 0; i += 1) await page.getByRole("button", { name: "Next month" }).click();
  await expect(day).toHaveClass(/is-available/);
  await day.click();
  await expect(day).toHaveAttribute("aria-pressed", "true");
}

export async function pickSlot(page: Page, time: string) {
  const slots = page.getByRole("region", { name: "Pick a time" });
  await slots.getByRole("button", { name: time, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your details" })).toBeFocused();
}

export const times = (page: Page) => page.getByRole("region", { name: "Pick a time" }).getByRole("button");
