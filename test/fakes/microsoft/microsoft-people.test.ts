// The people and contacts part of the Microsoft Graph fake, driven by plain
// fetch as a client following the v1.0 reference would.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMicrosoftFake, type MicrosoftFake } from "./microsoft-fake.js";

const CLIENT_ID = "11111111-2222-3333-4444-555555555555";

let fake: MicrosoftFake;
let userId: string;

beforeEach(async () => {
  fake = await startMicrosoftFake({ clients: [{ clientId: CLIENT_ID, redirectUris: ["http://127.0.0.1:9/cb"], clientSecret: "s3cret" }] });
  userId = fake.addUser({ mail: "host@contoso.example", displayName: "Host" }).id;
  fake.addRelevantPerson(userId, { displayName: "Ada Lovelace", email: "ada@analytical.example" });
  fake.addContact(userId, { givenName: "Adam", surname: "Smith", email: "Adam@Wealth.example" });
});
afterEach(async () => {
  await fake.stop();
});

async function graph(scope: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const { accessToken } = fake.issueTokens(userId, CLIENT_ID, `offline_access ${scope}`);
  const response = await fetch(`${fake.graphUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${accessToken}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe("Microsoft fake: people and contacts", () => {
  it("searches relevant people and saved contacts with People.Read, answering scoredEmailAddresses", async () => {
    const found = await graph("People.Read", `/v1.0/me/people?$search=${encodeURIComponent('"ada"')}&$top=5`);
    expect(found.status).toBe(200);
    expect(found.body.value.map((person: any) => [person.displayName, person.scoredEmailAddresses[0].address])).toEqual([
      ["Ada Lovelace", "ada@analytical.example"],
      ["Adam Smith", "Adam@Wealth.example"],
    ]);
    expect((await graph("People.Read", "/v1.0/me/people?$search=lovel")).body.value).toHaveLength(1);
    expect((await graph("People.Read", "/v1.0/me/people?$top=x")).status).toBe(400);
  });

  it("answers the documented 403 without the permission", async () => {
    const denied = await graph("Calendars.ReadWrite", "/v1.0/me/people?$search=ada");
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("ErrorAccessDenied");
    expect((await graph("People.Read", "/v1.0/me/contacts", { method: "POST", body: { emailAddresses: [{ address: "x@example.com" }] } })).status).toBe(403);
    expect((await graph("People.Read", "/v1.0/me/contacts")).status).toBe(403);
  });

  it("creates contacts with Contacts.ReadWrite and finds them by address, whatever the case", async () => {
    const created = await graph("Contacts.ReadWrite", "/v1.0/me/contacts", {
      method: "POST",
      body: { givenName: "Grace", surname: "Hopper", emailAddresses: [{ address: "grace@navy.example", name: "Grace Hopper" }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.displayName).toBe("Grace Hopper");
    const filter = (address: string) => `/v1.0/me/contacts?$filter=${encodeURIComponent(`emailAddresses/any(a:a/address eq '${address}')`)}`;
    expect((await graph("Contacts.ReadWrite", filter("GRACE@navy.example"))).body.value.map((contact: any) => contact.id)).toEqual([created.body.id]);
    expect((await graph("Contacts.Read", filter("adam@wealth.example"))).body.value).toHaveLength(1);
    expect((await graph("Contacts.Read", filter("nobody@example.com"))).body.value).toEqual([]);
    expect((await graph("Contacts.Read", `/v1.0/me/contacts?$filter=${encodeURIComponent("startswith(displayName,'a')")}`)).status).toBe(400);
  });

  it("refuses contact bodies Graph would refuse", async () => {
    const post = (body: unknown) => graph("Contacts.ReadWrite", "/v1.0/me/contacts", { method: "POST", body });
    expect((await post({ emails: ["x@example.com"] })).body.error.code).toBe("RequestBodyRead");
    expect((await post({ emailAddresses: [{ value: "x@example.com" }] })).status).toBe(400);
    expect((await post({ givenName: 5 })).status).toBe(400);
    expect(fake.contactsOf(userId)).toHaveLength(1);
  });
});
