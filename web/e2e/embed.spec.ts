// The booking widget on another site: a host page served from another origin
// (127.0.0.1:4953, a tiny node:http server this spec starts and stops) pastes
// the snippet the link page generates, after the owner allowed that origin in
// Settings → Embedding. The invitee books inside the frame; the host hears
// ready, resize, slot_chosen and booked (no secrets); the popup traps focus and
// closes on Esc; the same page from a site not on the list (localhost:4953, a
// different origin) is refused by the browser.
import { expect, test, type Frame, type Page } from "@playwright/test";
import { createServer, type Server } from "node:http";
import { dateIn } from "./booking-steps.js";
import { apiOwner, expectAccessible, openLink, shot, signIn, type ApiOwner } from "./support.js";

const HOST_PORT = Number(process.env.E2E_EMBED_HOST_PORT ?? 4953);
const ALLOWED_HOST = `http://127.0.0.1:${HOST_PORT}`;
/** The same server under another name: another origin to the browser, and not on the list. */
const REFUSED_HOST = `http://localhost:${HOST_PORT}`;
const DESKTOP = { viewport: { width: 1280, height: 900 } };

type HostEvent = { type: string; detail: Record<string, unknown>; on: string };

/** Host pages by path; each records the widget's events (the DOM events embed.js dispatches) in window.hostEvents. */
const hostPages = new Map<string, string>();
let server: Server;

function hostPage(title: string, snippet: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f1f5f9;color:#0f172a}header{padding:16px 24px;background:#0f766e;color:#fff}main{max-width:1100px;margin:0 auto;padding:24px}</style></head>
<body><header><strong>Partner Co.</strong> — our site, your meeting</header><main><h1>${title}</h1>
<script>
window.hostEvents = [];
for (const type of ["convene:ready", "convene:resize", "convene:slot_chosen", "convene:booked", "convene:close"]) {
  document.addEventListener(type, (event) => window.hostEvents.push({ type, detail: event.detail, on: event.target.id || event.target.tagName }));
}
</script>
${snippet}
<button type="button" id="after">Something after the widget</button>
</main></body></html>`;
}

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const body = hostPages.get(new URL(request.url ?? "/", ALLOWED_HOST).pathname);
    response.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" }).end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(HOST_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const eventsOf = (page: Page) => page.evaluate(() => (window as unknown as { hostEvents: HostEvent[] }).hostEvents);
async function waitForEvent(page: Page, type: string, on?: string): Promise<HostEvent> {
  await expect.poll(async () => (await eventsOf(page)).some((event) => event.type === type && (!on || event.on === on))).toBe(true);
  return (await eventsOf(page)).find((event) => event.type === type && (!on || event.on === on))!;
}

/** The owner allows the host's origin in Settings (a bad entry is refused first) and copies the inline snippet from the link page. */
async function snippetFromDashboard(page: Page, owner: ApiOwner, linkId: string, mode: "Inline in the page" | "Popup from a button") {
  await signIn(page, owner, `/dashboard/links/${linkId}`);
  const embed = page.getByRole("region", { name: "Embed on your site" });
  await expect(embed.getByText("No site may embed your booking pages yet.")).toBeVisible();
  await embed.getByRole("link", { name: /Settings → Embedding/ }).click();
  const sites = page.getByLabel("Sites allowed to embed");
  await sites.fill(`${ALLOWED_HOST}/booking`);
  await page.getByRole("button", { name: "Save sites" }).click();
  await expect(page.getByText(/without a path/)).toBeVisible();
  await sites.fill(ALLOWED_HOST);
  await page.getByRole("button", { name: "Save sites" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 site may embed" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "embed-settings");

  await page.goto(`/dashboard/links/${linkId}`);
  await expect(embed.getByText(`Allowed on: ${ALLOWED_HOST}`)).toBeVisible();
  await embed.getByLabel(mode).check();
  await embed.getByLabel("Name", { exact: true }).check();
  await embed.getByLabel("Email", { exact: true }).check();
  await embed.getByLabel("UTM parameters").check();
  await shot(page, "embed-snippet-generator");
  return embed.getByLabel("Snippet").inputValue();
}

function widgetFrame(page: Page, within: string): Promise<Frame> {
  return page.locator(`${within} iframe`).elementHandle().then(async (handle) => (await handle!.contentFrame())!);
}

/** The last height the page reported is the frame's height, and the bottom of what the page shows. */
async function expectFrameFitsContent(page: Page, frame: Frame) {
  const iframe = page.locator("[data-convene-inline] iframe");
  await expect
    .poll(async () => {
      const reported = (await eventsOf(page)).filter((event) => event.type === "convene:resize").at(-1)?.detail.height;
      const contentPx = await frame.evaluate(() => Math.ceil(document.querySelector("main")!.getBoundingClientRect().bottom + window.scrollY));
      const framePx = await iframe.evaluate((element) => (element as HTMLIFrameElement).getBoundingClientRect().height);
      return reported === contentPx && framePx === contentPx;
    })
    .toBe(true);
}

async function pickFirstTime(frame: Frame) {
  const day = frame.locator(`[data-date="${dateIn("UTC", 2)}"]`);
  await expect(frame.locator('.calendar-grid[aria-busy="false"]')).toBeVisible();
  for (let i = 0; i < 3 && (await day.count()) === 0; i += 1) await frame.getByRole("button", { name: "Next month" }).click();
  await day.click();
  await frame.getByRole("region", { name: "Pick a time" }).getByRole("button").first().click();
  await expect(frame.getByRole("heading", { name: "Your details" })).toBeVisible();
}

test("a site on the allow-list embeds the booking page inline, hears its events, and the invitee books inside it", async ({ browser, request }) => {
  const owner = await apiOwner(request, "embed-inline", "UTC");
  const link = await openLink(request, owner);
  const dashboard = await (await browser.newContext(DESKTOP)).newPage();
  const snippet = await snippetFromDashboard(dashboard, owner, link.id, "Inline in the page");
  expect(snippet).toContain(`data-convene-inline data-url="${link.bookingUrl}"`);
  hostPages.set("/inline", hostPage("Book a call with us", snippet));

  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(`${ALLOWED_HOST}/inline`);
  const ready = await waitForEvent(page, "convene:ready");
  expect(ready.on).toBe("DIV");
  const frame = await widgetFrame(page, "[data-convene-inline]");
  expect(new URL(frame.url()).searchParams.get("parent")).toBe(ALLOWED_HOST);

  // The frame is as tall as the page inside it: the last height reported is the frame's, and the content's.
  await expect(frame.getByRole("heading", { name: "Intro call" })).toBeVisible();
  await expect(frame.locator('.calendar-grid[aria-busy="false"]')).toBeVisible();
  const iframe = page.locator("[data-convene-inline] iframe");
  await expectFrameFitsContent(page, frame);
  expect(await iframe.evaluate((element) => (element as HTMLIFrameElement).getBoundingClientRect().height)).toBeGreaterThan(640);
  await shot(page, "embed-inline");

  await pickFirstTime(frame);
  const chosen = await waitForEvent(page, "convene:slot_chosen");
  expect(Object.keys(chosen.detail).sort()).toEqual(["end", "start", "timeZone", "type"]);
  // The snippet's sample prefill arrives in the form.
  await expect(frame.getByLabel("Your name")).toHaveValue("Visitor Name");
  await expect(frame.getByLabel("Email")).toHaveValue("visitor@example.com");
  await frame.getByLabel("Your name").fill("Pat Partner");
  await frame.getByRole("button", { name: "Confirm booking" }).click();

  await expect(frame.getByRole("heading", { name: "You're booked" })).toBeVisible();
  const booked = await waitForEvent(page, "convene:booked");
  // The booking's id and time, and nothing that could change it (no manage link or token).
  expect(Object.keys(booked.detail).sort()).toEqual(["end", "id", "start", "timeZone", "type"]);
  expect(booked.detail.start).toBe(chosen.detail.start);
  expect(JSON.stringify(await eventsOf(page))).not.toMatch(/manage/i);
  const detail = await request.get(`/api/v1/bookings/${booked.detail.id}`, { headers: { authorization: `Bearer ${owner.apiKey}` } });
  expect(detail.status(), await detail.text()).toBe(200);
  expect(await detail.json()).toMatchObject({ id: booked.detail.id, start: booked.detail.start });
  // The confirmation replaces the steps: the frame shrinks to it.
  await expectFrameFitsContent(page, frame);
  await shot(page, "embed-inline-booked");
  await context.close();
});

test("the popup button opens the page in a modal dialog that keeps focus and closes on Esc", async ({ browser, request }) => {
  const owner = await apiOwner(request, "embed-popup", "UTC");
  const link = await openLink(request, owner);
  const dashboard = await (await browser.newContext(DESKTOP)).newPage();
  const snippet = await snippetFromDashboard(dashboard, owner, link.id, "Popup from a button");
  expect(snippet).toContain("data-convene-popup");
  hostPages.set("/popup", hostPage("Talk to sales", snippet));

  const page = await (await browser.newContext(DESKTOP)).newPage();
  await page.goto(`${ALLOWED_HOST}/popup`);
  const opener = page.getByRole("button", { name: "Book a meeting" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Book a meeting" });
  await expect(dialog).toBeVisible();
  await waitForEvent(page, "convene:ready", "BUTTON");
  const frame = await widgetFrame(page, "dialog");
  await expect(frame.getByRole("heading", { name: "Intro call" })).toBeVisible();
  // Modal: the rest of the page is inert, so the button after the widget cannot take focus.
  await expect(page.locator("#after")).not.toBeFocused();
  expect(await page.evaluate(() => document.querySelector("dialog")?.matches(":modal"))).toBe(true);
  await shot(page, "embed-popup");

  // Esc inside the frame reaches the host as convene:close; the dialog goes and focus returns to its button.
  await frame.getByRole("heading", { name: "Intro call" }).click();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();

  // Esc with focus on the dialog's own close button closes it natively too.
  await opener.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).focus();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("a site not on the allow-list is refused: the browser does not show the page and no event arrives", async ({ browser, request }) => {
  const owner = await apiOwner(request, "embed-refused", "UTC");
  const link = await openLink(request, owner);
  const allow = await request.patch("/api/v1/organization", { data: { embedOrigins: [ALLOWED_HOST] }, headers: { authorization: `Bearer ${owner.apiKey}` } });
  expect(allow.status(), await allow.text()).toBe(200);
  const script = `${new URL(link.bookingUrl).origin}/embed.js`;
  hostPages.set("/refused", hostPage("Not allowed here", `<div data-convene-inline data-url="${link.bookingUrl}"></div><script src="${script}"></script>`));

  const page = await (await browser.newContext(DESKTOP)).newPage();
  const violation = page.waitForEvent("console", { predicate: (message) => message.type() === "error" && /frame-ancestors/.test(message.text()) });
  await page.goto(`${REFUSED_HOST}/refused`);
  expect((await violation).text()).toContain(ALLOWED_HOST);
  const frame = await widgetFrame(page, "[data-convene-inline]");
  // The refused frame holds the browser's error page, not ours.
  await expect.poll(() => frame.locator("#root").count()).toBe(0);
  expect(await eventsOf(page)).toEqual([]);
});
