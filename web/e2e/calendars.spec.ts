// Calendars in a real browser: an owner adds an ICS feed (served by this spec
// on 127.0.0.1) on the Calendars page, sees it synced with its calendar, and
// the feed's busy time leaves the link's slot preview and the booking page;
// "Blocks my time" off brings it back; "Sync now" picks up a new event and
// reports an outage (the busy time synced last still counts); disconnecting
// frees the time. Feeds that answer 401 or 404, and bad addresses, are
// explained beside the form with what was typed kept. A CalDAV account on a
// real Radicale: a refused password keeps the form, an accepted one is gone
// from the page, and a booking is written to the calendar chosen for it, as the
// booking's page shows. Screenshots on a desktop and a 390 px phone.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { radicaleSkipReason, startRadicale } from "../../test/support/radicale.js";
import { dateIn, openPage, pickDay, times } from "./booking-steps.js";
import { apiOwner, expectAccessible, openLink, PASSWORD, PHONE, shot as fullPageShot, type ApiOwner } from "./support.js";

test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 } };

/** The day the feed's events fall on: three days ahead (in UTC, the link's zone), well past any notice. */
const BUSY_DATE = dateIn("UTC", 3);
const compact = (date: string) => date.replaceAll("-", "");

function vevent(uid: string, start: string, end: string, summary: string): string[] {
  return ["BEGIN:VEVENT", `UID:${uid}`, "DTSTAMP:20260101T000000Z", `DTSTART:${compact(BUSY_DATE)}T${start}00Z`, `DTEND:${compact(BUSY_DATE)}T${end}00Z`, `SUMMARY:${summary}`, "END:VEVENT"];
}

function vcalendar(...events: string[][]): string {
  return [...["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene e2e//EN", "X-WR-CALNAME:Conference rota"], ...events.flat(), "END:VCALENDAR", ""].join("\r\n");
}

/**
 * The feeds the server fetches: /rota.ics answers what the test sets (body and
 * status), /locked.ics asks for a password, anything else is not found.
 */
const KEYNOTE_ONLY = vcalendar(vevent("keynote@e2e.example", "1000", "1100", "Keynote"));

class FeedServer {
  body = KEYNOTE_ONLY;
  status = 200;
  private server: Server | null = null;
  private origin = "";

  async start() {
    this.server = createServer((request, response) => {
      if (request.url === "/rota.ics") {
        response.writeHead(this.status, { "content-type": this.status === 200 ? "text/calendar; charset=utf-8" : "text/plain" });
        response.end(this.status === 200 ? this.body : "Service Unavailable");
      } else if (request.url === "/locked.ics") {
        response.writeHead(401, { "www-authenticate": 'Basic realm="calendar"', "content-type": "text/plain" });
        response.end("Unauthorized");
      } else {
        response.writeHead(404, { "content-type": "text/plain" });
        response.end("Not Found");
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset() {
    this.body = KEYNOTE_ONLY;
    this.status = 200;
  }

  url(path: string) {
    return `${this.origin}${path}`;
  }

  async stop() {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const feeds = new FeedServer();
test.beforeAll(() => feeds.start());
test.afterAll(() => feeds.stop());
test.beforeEach(() => feeds.reset());

/** From the top: a full-page screenshot of a scrolled page draws the sticky header mid-page. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

async function signIn(page: Page, owner: ApiOwner) {
  const login = await page.request.post("/api/v1/auth/login", { data: { email: owner.email, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
}

/** A link open 09:00–12:00 UTC every day in half hours: the busy day offers six times without calendars. */
const MORNINGS = { weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "09:00", end: "12:00" }], maxDaysAhead: 14 };

/** The wizard's preview of the link: the times it offers on the busy day, and the note on calendars under its summary. */
async function expectPreview(page: Page, linkId: string, expected: { times: string[]; note: string }) {
  await page.goto(`/dashboard/links/${linkId}/edit`);
  await page.getByRole("button", { name: "Step 7: Review" }).click();
  const preview = page.getByRole("region", { name: "Times invitees would see" });
  await expect(preview.getByRole("status")).toContainText(/open times? of 30 min/);
  // The day's heading as the page writes it, in the browser's own locale.
  const day = await page.evaluate(
    (date) => new Intl.DateTimeFormat(undefined, { timeZone: "UTC", weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(new Date(`${date}T12:00:00Z`)),
    BUSY_DATE,
  );
  await expect(preview.getByRole("list", { name: `Times on ${day}` }).getByRole("listitem")).toHaveText(expected.times);
  await expect(preview.locator(".calendar-note")).toContainText(expected.note);
  return preview;
}

const ALL_MORNING = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"];
const WITHOUT_KEYNOTE = ["09:00", "09:30", "11:00", "11:30"];

test("an ICS feed's busy time leaves the offered times, until it stops blocking or is disconnected", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const owner = await apiOwner(request, "calendars", "UTC");
  const link = await openLink(request, owner, { title: "Morning call", slug: "morning-call", ...MORNINGS });

  // Sign in through the page and open Calendars from the navigation: nothing connected yet.
  await page.goto(`/signin?next=${encodeURIComponent("/dashboard/links")}`);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Calendars" }).click();
  await expect(page).toHaveURL(/\/dashboard\/calendars$/);
  await expect(page.getByRole("heading", { name: "Calendars", level: 1 })).toBeVisible();
  await expect(page.getByText("No calendar connected yet.")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "calendars-empty");

  // Before: the whole morning is offered, and the preview suggests connecting a calendar.
  const before = await expectPreview(page, link.id, { times: ALL_MORNING, note: "Busy in another calendar? Connect it" });
  await shot(page, "calendars-preview-before");
  await before.getByRole("link", { name: "Connect it" }).click();
  await expect(page).toHaveURL(/\/dashboard\/calendars$/);

  // Add the feed: it is synced at once and its calendar listed, blocking time, read-only.
  const feedForm = page.getByRole("form", { name: "Add ICS feed" });
  await feedForm.getByLabel("Feed address").fill(feeds.url("/rota.ics"));
  await feedForm.getByRole("button", { name: "Add feed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected “Conference rota”: 1 calendar found." })).toBeVisible();
  await expect(feedForm.getByLabel("Feed address")).toHaveValue("");
  const card = page.getByRole("article", { name: "Conference rota" });
  await expect(card.getByRole("heading", { name: "Conference rota" })).toBeFocused();
  await expect(card.locator(".health-badge")).toHaveText("Synced");
  await expect(card).toContainText("ICS feed · http://127.0.0.1:");
  // The feed's path may be a secret: only its server is shown.
  await expect(card).not.toContainText("rota.ics");
  await expect(card).toContainText("Last synced just now");
  await expect(card.locator(".connection-warning")).toHaveCount(0);
  const rota = card.getByRole("group", { name: "Conference rota" });
  await expect(rota.getByRole("checkbox", { name: "Blocks my time" })).toBeChecked();
  await expect(rota.getByRole("radio", { name: "New bookings go here" })).toBeDisabled();
  await expect(rota).toContainText("read-only");
  await expect(page.getByText("These calendars are read-only: new bookings reach you as email invitations.")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "calendars-connected");

  // The keynote's hour is gone from the preview and from the invitee's booking page.
  await expectPreview(page, link.id, { times: WITHOUT_KEYNOTE, note: "Times your connected calendars mark busy are left out." });
  await shot(page, "calendars-preview-after");
  const invitee = await openPage(browser, link.bookingUrl, { timezoneId: "UTC", locale: "en-GB" });
  await pickDay(invitee, BUSY_DATE);
  await expect(times(invitee)).toHaveText(WITHOUT_KEYNOTE);

  // "Blocks my time" off: the keynote no longer blocks anything.
  await page.goto("/dashboard/calendars");
  const blocks = rota.getByRole("checkbox", { name: "Blocks my time" });
  await blocks.uncheck();
  await expect(blocks).not.toBeChecked();
  await expect(blocks).toBeEnabled();
  await expectPreview(page, link.id, { times: ALL_MORNING, note: "None of your connected calendars blocks time" });
  await page.goto("/dashboard/calendars");
  await rota.getByRole("checkbox", { name: "Blocks my time" }).check();
  await expect(rota.getByRole("checkbox", { name: "Blocks my time" })).toBeEnabled();

  // A new event in the feed, then "Sync now": it blocks its half hour too.
  feeds.body = vcalendar(vevent("keynote@e2e.example", "1000", "1100", "Keynote"), vevent("standup@e2e.example", "0900", "0930", "Stand-up"));
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.getByRole("status")).toHaveText("Synced just now: 1 calendar, busy time up to date.");
  await expect(card.locator(".health-badge")).toHaveText("Synced");
  await invitee.reload();
  await pickDay(invitee, BUSY_DATE);
  await expect(times(invitee)).toHaveText(["09:30", "11:00", "11:30"]);

  // The feed's server fails: the card says so, and the busy time synced last still counts.
  feeds.status = 503;
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.getByRole("status")).toContainText("Sync failed:");
  await expect(card.getByRole("status")).toContainText("503");
  await expect(card.locator(".health-badge")).toHaveText("Error");
  await expect(card.locator(".connection-warning")).toContainText(/^Showing busy time last synced (just now|1 minute ago); the server could not be reached: .*503.*Next try /);
  await expectAccessible(page);
  await shot(page, "calendars-error");
  await invitee.reload();
  await pickDay(invitee, BUSY_DATE);
  await expect(times(invitee)).toHaveText(["09:30", "11:00", "11:30"]);
  feeds.status = 200;
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.locator(".health-badge")).toHaveText("Synced");
  await expect(card.locator(".connection-warning")).toHaveCount(0);

  // Disconnect, after a confirmation: the whole morning is offered again.
  await card.getByRole("button", { name: "Disconnect Conference rota" }).click();
  const dialog = page.getByRole("dialog", { name: "Disconnect “Conference rota”?" });
  await expect(dialog).toContainText("Its busy times stop blocking your links at once.");
  await dialog.getByRole("button", { name: "Disconnect" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Disconnected “Conference rota”." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your calendars" })).toBeFocused();
  await expect(page.getByText("No calendar connected yet.")).toBeVisible();
  await invitee.reload();
  await pickDay(invitee, BUSY_DATE);
  await expect(times(invitee)).toHaveText(ALL_MORNING);
  await invitee.context().close();
  await expectPreview(page, link.id, { times: ALL_MORNING, note: "Busy in another calendar? Connect it" });
});

test("a feed that asks for a password or is not there is explained beside the form, keeping the address", async ({ page, request }) => {
  const owner = await apiOwner(request, "calendars-errors", "UTC");
  await signIn(page, owner);
  await page.goto("/dashboard/calendars");
  const feedForm = page.getByRole("form", { name: "Add ICS feed" });
  const address = feedForm.getByLabel("Feed address");

  await address.fill(feeds.url("/locked.ics"));
  await feedForm.getByRole("button", { name: "Add feed" }).click();
  const problem = feedForm.getByRole("alert");
  await expect(problem).toContainText("The feed asks for a password");
  await expect(problem).toContainText("401");
  await expect(address).toHaveValue(feeds.url("/locked.ics"));

  await address.fill(feeds.url("/gone.ics"));
  await feedForm.getByRole("button", { name: "Add feed" }).click();
  await expect(problem).toContainText("No calendar at this address");
  await expect(problem).toContainText("404");
  await expect(address).toHaveValue(feeds.url("/gone.ics"));
  await expectAccessible(page);
  await shot(page, "calendars-feed-error");

  // Not a feed address at all: the field says why and takes the focus.
  await address.fill("ftp://calendar.example.com/rota.ics");
  await feedForm.getByRole("button", { name: "Add feed" }).click();
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address).toBeFocused();
  await expect(feedForm.locator(".field .error-text")).toContainText("must be");
  await expect(address).toHaveValue("ftp://calendar.example.com/rota.ics");
  await feedForm.getByLabel("Feed address").fill("");
  await feedForm.getByRole("button", { name: "Add feed" }).click();
  await expect(feedForm.getByText("Enter the feed's address.")).toBeVisible();

  // Nothing was connected by any of it.
  await expect(page.getByText("No calendar connected yet.")).toBeVisible();

  // The CalDAV presets fill the server and explain the app password.
  const caldav = page.getByRole("form", { name: "Connect CalDAV" });
  await expect(caldav.getByLabel("Server address")).toHaveValue("https://caldav.icloud.com");
  await expect(caldav).toContainText("appleid.apple.com → Sign-In and Security → App-Specific Passwords");
  await caldav.getByRole("radio", { name: "Fastmail" }).check();
  await expect(caldav.getByLabel("Server address")).toHaveValue("https://caldav.fastmail.com");
  await expect(caldav).toContainText("Settings → Privacy & Security → App passwords");
  await caldav.getByRole("radio", { name: "Nextcloud" }).check();
  await expect(caldav.getByLabel("Server address")).toHaveValue("");
  await expect(caldav.getByLabel("Server address")).toHaveAttribute("placeholder", "https://<your-server>/remote.php/dav");
  await expect(caldav).toContainText("Settings → Security → Devices & sessions → Create new app password");
});

test("a CalDAV account: a refused password keeps the form, and bookings are written to the calendar chosen", async ({ page, request }) => {
  const skipReason = radicaleSkipReason();
  test.skip(skipReason !== null, skipReason ?? "");
  test.setTimeout(90_000);
  const APP_PASSWORD = "app-password-7f3k";
  const radicale = await startRadicale({ users: { ada: APP_PASSWORD } });
  try {
    await radicale.makeCalendar("ada", "work", { displayName: "Work", color: "#2F80EDFF" });
    await radicale.makeCalendar("ada", "personal", { displayName: "Personal" });
    const owner = await apiOwner(request, "calendars-caldav", "UTC");
    const link = await openLink(request, owner, { title: "Intro call", slug: "intro-call" });
    await signIn(page, owner);
    await page.goto("/dashboard/calendars");

    // A wrong password: the server's refusal is explained and everything typed stays.
    const form = page.getByRole("form", { name: "Connect CalDAV" });
    await form.getByRole("radio", { name: "Other" }).check();
    await form.getByLabel("Server address").fill(`${radicale.url}/`);
    await form.getByLabel("User name").fill("ada");
    await form.getByLabel("App password").fill("my-account-password");
    await form.getByLabel("Name in Convene").fill("Work account");
    await form.getByRole("button", { name: "Connect" }).click();
    await expect(form.getByRole("alert")).toContainText("The server refused this user name and password");
    await expect(form.getByRole("alert")).toContainText("app password");
    await expect(form.getByLabel("Server address")).toHaveValue(`${radicale.url}/`);
    await expect(form.getByLabel("User name")).toHaveValue("ada");
    await expect(form.getByLabel("App password")).toHaveValue("my-account-password");
    await expectAccessible(page);
    await shot(page, "calendars-caldav-refused");

    // The app password: connected, both calendars listed, and the password is nowhere on the page.
    await form.getByLabel("App password").fill(APP_PASSWORD);
    await form.getByRole("button", { name: "Connect" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Connected “Work account”: 2 calendars found." })).toBeVisible();
    await expect(form.getByLabel("App password")).toHaveValue("");
    await expect(form.getByRole("alert")).toHaveCount(0);
    expect(await page.content()).not.toContain(APP_PASSWORD);
    const card = page.getByRole("article", { name: "Work account" });
    await expect(card.locator(".health-badge")).toHaveText("Synced");
    await expect(card).toContainText(`CalDAV · ${radicale.url}/ · ada`);
    // The first writable calendar receives bookings until the owner chooses another: here, Work.
    await expect(page.locator(".destination-summary")).toContainText("New bookings are written to Personal (Work account).");
    const work = card.getByRole("group", { name: "Work" });
    await work.getByRole("radio", { name: "New bookings go here" }).check();
    await expect(work.getByRole("radio", { name: "New bookings go here" })).toBeEnabled();
    await expect(page.locator(".destination-summary")).toContainText("New bookings are written to Work (Work account).");
    await expect(card.getByRole("group", { name: "Personal" }).getByRole("radio", { name: "New bookings go here" })).not.toBeChecked();
    await expectAccessible(page);
    await shot(page, "calendars-caldav");

    // A booking: its page shows the copy written to Work.
    const slots = (await (await request.get(`${link.apiUrl}/slots`)).json()) as { days: { slots: { start: string }[] }[] };
    const start = slots.days.flatMap((day) => day.slots)[4]!.start;
    const booked = await request.post(`${link.apiUrl}/bookings`, { data: { start, timeZone: "UTC", name: "Ada Lovelace", email: "ada@example.com" } });
    expect(booked.status(), await booked.text()).toBe(201);
    const { id } = (await booked.json()) as { id: string };
    await page.goto(`/dashboard/bookings/${id}`);
    const written = page.getByRole("region", { name: "Calendar" }).getByRole("listitem");
    await expect(written).toHaveCount(1);
    await expect(written).toContainText("You");
    await expect(written).toContainText("“Work”");
    await expect(written.locator(".state-badge")).toHaveText("Written", { timeout: 30_000 });
    await expectAccessible(page);
    await shot(page, "booking-calendar-written");
  } finally {
    await radicale.close();
  }
});

test.describe("on a phone", () => {
  test.use({ ...PHONE_390 });

  test("the Calendars page's cards and forms stack within 390 px", async ({ page, request }) => {
    const owner = await apiOwner(request, "calendars-phone", "UTC");
    const connected = await request.post("/api/v1/calendars/ics", {
      data: { url: feeds.url("/rota.ics"), label: "Conference rota with a rather long name for a small screen" },
      headers: { authorization: `Bearer ${owner.apiKey}` },
    });
    expect(connected.status(), await connected.text()).toBe(201);
    await signIn(page, owner);
    await page.goto("/dashboard/calendars");
    const card = page.getByRole("article", { name: "Conference rota with a rather long name for a small screen" });
    await expect(card.locator(".health-badge")).toHaveText("Synced");
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll("main *")].filter((element) => element.getBoundingClientRect().right > 391).map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""}`),
    );
    expect(overflowing).toEqual([]);
    // The forms come under the cards, one above the other.
    const caldav = await page.getByRole("form", { name: "Connect CalDAV" }).boundingBox();
    const feed = await page.getByRole("form", { name: "Add ICS feed" }).boundingBox();
    expect(feed!.y).toBeGreaterThan(caldav!.y + caldav!.height - 1);
    await expectAccessible(page);
    await shot(page, "calendars-phone");

    // An outage's warning wraps inside the card.
    feeds.status = 503;
    await card.getByRole("button", { name: "Sync now" }).click();
    await expect(card.locator(".health-badge")).toHaveText("Error");
    expect(await card.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await card.screenshot({ path: "test-results/screens/calendars-phone-error-card.png" });
  });
});
