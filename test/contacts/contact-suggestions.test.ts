// Contact suggestions for the one-time link form, against the Google and
// Microsoft fakes: Google saved and other contacts and Microsoft people merged,
// one per address, prefix matches first; short queries refused; connections
// waiting for a reconnect and failing providers left out, never an error; and
// only the signed-in owner's own accounts searched.
import { beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp, type Owner, type TestApp } from "../support/test-app.js";
import { connectGoogle, connectMicrosoft, tenantOf, useProviderFakes } from "./oauth-connections.js";

async function suggest(t: TestApp, owner: Owner, q: string | null, headers: Record<string, string> = bearer(owner)) {
  const url = q === null ? "/api/v1/contacts/suggestions" : `/api/v1/contacts/suggestions?q=${encodeURIComponent(q)}`;
  return t.app.inject({ method: "GET", url, headers });
}

describeOnEngines("contact suggestions", (engine) => {
  const fakes = useProviderFakes();
  const t = useTestApp(engine, { calendarServices: () => fakes.services(), owners: { alice: "alice", bob: "bob", carol: "carol" } });
  let aliceMicrosoftUserId: string;

  beforeAll(async () => {
    await connectGoogle(t, fakes, t.alice, "alice@gmail.example");
    fakes.google.addContact("alice@gmail.example", { givenName: "Ada", familyName: "Lovelace", emails: ["ada@analytical.example"] });
    fakes.google.addContact("alice@gmail.example", { givenName: "Bob", familyName: "Builder", emails: ["bob@build.example"] });
    fakes.google.addOtherContact("alice@gmail.example", { givenName: "Adam", familyName: "Smith", emails: ["adam@wealth.example"] });
    const microsoft = await connectMicrosoft(t, fakes, t.alice, "alice@contoso.example");
    aliceMicrosoftUserId = microsoft.userId;
    fakes.microsoft.addRelevantPerson(microsoft.userId, { displayName: "Ada Lovelace", email: "ADA@analytical.example" });
    fakes.microsoft.addRelevantPerson(microsoft.userId, { displayName: "Grace Adams", email: "grace@navy.example" });
    fakes.microsoft.addRelevantPerson(microsoft.userId, { displayName: "Adalbert Stifter", email: "adalbert@example.com" });
    // Another organisation's account knows another Ada.
    await connectGoogle(t, fakes, t.bob, "bob@gmail.example");
    fakes.google.addContact("bob@gmail.example", { givenName: "Adaline", familyName: "Bowman", emails: ["adaline@elsewhere.example"] });
  });

  it("merges Google saved and other contacts with Microsoft people, one per address, prefix matches first", async () => {
    const response = await suggest(t, t.alice, "ada");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual([
      { name: "Ada Lovelace", email: "ada@analytical.example", source: "google" },
      { name: "Adam Smith", email: "adam@wealth.example", source: "google" },
      { name: "Adalbert Stifter", email: "adalbert@example.com", source: "microsoft" },
      { name: "Grace Adams", email: "grace@navy.example", source: "microsoft" },
    ]);
    // Google was warmed up before each search, as its docs ask.
    const peopleCalls = fakes.google.requests().filter((request) => request.path === "/v1/people:searchContacts");
    expect(peopleCalls.map((request) => request.query.query)).toEqual(["", "ada"]);
  });

  it("answers the same with the owner's session", async () => {
    const response = await suggest(t, t.alice, "grace", { cookie: t.alice.cookie });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual([{ name: "Grace Adams", email: "grace@navy.example", source: "microsoft" }]);
  });

  it("refuses fewer than three characters with a stable code, without calling a provider", async () => {
    fakes.google.clearRequests();
    const requestsBefore = fakes.microsoft.requests.length;
    for (const q of ["ad", "  a ", "", null]) {
      const response = await suggest(t, t.alice, q);
      expect(response.statusCode, `${q}: ${response.body}`).toBe(422);
      expect(response.json()).toMatchObject({ code: "CONTACT_QUERY_TOO_SHORT", minLength: 3 });
    }
    expect(fakes.google.requests()).toEqual([]);
    expect(fakes.microsoft.requests.length).toBe(requestsBefore);
  });

  it("never searches another organisation's accounts", async () => {
    fakes.google.clearRequests();
    const items = (await suggest(t, t.alice, "adal")).json().items;
    expect(items.map((item: { email: string }) => item.email)).toEqual(["adalbert@example.com"]);
    const bobs = (await suggest(t, t.bob, "adal")).json().items;
    expect(bobs.map((item: { email: string }) => item.email)).toEqual(["adaline@elsewhere.example"]);
    // Carol has no accounts: nothing to search, nothing asked.
    fakes.google.clearRequests();
    expect((await suggest(t, t.carol, "ada")).json()).toEqual({ items: [] });
    expect(fakes.google.requests()).toEqual([]);
  });

  it("still suggests from the other accounts when one provider fails", async () => {
    fakes.google.failNext(1, { status: 500 });
    const response = await suggest(t, t.alice, "ada");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items.map((item: { source: string }) => item.source)).toEqual(["microsoft", "microsoft", "microsoft"]);
    // And Google is back on the next keystroke.
    expect((await suggest(t, t.alice, "ada l")).json().items[0]).toEqual({ name: "Ada Lovelace", email: "ada@analytical.example", source: "google" });
  });

  it("skips a connection that waits for its owner to reconnect", async () => {
    const tenantId = await tenantOf(t, t.alice);
    const [microsoft] = (await t.deps.store.calendars.listConnections(tenantId, { userId: t.alice.userId })).filter((connection) => connection.provider === "microsoft");
    await t.deps.store.calendars.updateConnectionState(tenantId, microsoft!.id, { status: "needs_reconnect" }, t.clock.nowMs);
    const requestsBefore = fakes.microsoft.requests.length;
    const items = (await suggest(t, t.alice, "ada")).json().items;
    expect(items.map((item: { source: string }) => item.source)).toEqual(["google", "google"]);
    expect(fakes.microsoft.requests.length).toBe(requestsBefore);
    await t.deps.store.calendars.updateConnectionState(tenantId, microsoft!.id, { status: "ok" }, t.clock.nowMs);
    expect(aliceMicrosoftUserId).toBeTruthy();
  });
});
