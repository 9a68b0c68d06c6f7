// The People API part of the Google fake, driven by plain fetch as a client
// following the reference pages would: scopes, the required readMask, the
// warm-up before search, prefix-phrase matching, and createContact.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGoogleFake, type GoogleFake } from "./google-fake.js";

const client = { clientId: "convene-client.apps.googleusercontent.com", clientSecret: "s3cret", redirectUris: ["http://127.0.0.1:9/cb"] };
const USER = "host@example.com";
const CONTACTS = "https://www.googleapis.com/auth/contacts";

let fake: GoogleFake;
beforeEach(async () => {
  fake = await startGoogleFake({ client });
  fake.addUser(USER);
  fake.addContact(USER, { givenName: "Ada", familyName: "Lovelace", emails: ["ada@analytical.example"] });
  fake.addOtherContact(USER, { givenName: "Adam", familyName: "Smith", emails: ["adam@wealth.example"] });
});
afterEach(async () => {
  await fake.stop();
});

async function people(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${fake.peopleApiUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const tokenWith = (...scopes: string[]) => fake.issueTokens(USER, scopes).accessToken;

describe("Google fake: People API", () => {
  it("searches saved contacts only after a warm-up with an empty query, by prefix phrases", async () => {
    const token = tokenWith(`${CONTACTS}.readonly`);
    expect((await people(token, "/v1/people:searchContacts?query=ada&readMask=names,emailAddresses")).body).toEqual({});
    expect(await people(token, "/v1/people:searchContacts?query=&readMask=names,emailAddresses")).toEqual({ status: 200, body: {} });
    const found = await people(token, "/v1/people:searchContacts?query=ada&readMask=names,emailAddresses");
    expect(found.status).toBe(200);
    expect(found.body.results.map((result: any) => [result.person.names[0].displayName, result.person.emailAddresses[0].value])).toEqual([["Ada Lovelace", "ada@analytical.example"]]);
    expect((await people(token, "/v1/people:searchContacts?query=love&readMask=names")).body.results).toHaveLength(1);
    expect((await people(token, "/v1/people:searchContacts?query=ovel&readMask=names")).body).toEqual({});
    // readMask limits the fields.
    expect(Object.keys((await people(token, "/v1/people:searchContacts?query=ada&readMask=names")).body.results[0].person).sort()).toEqual(["etag", "names", "resourceName"]);
  });

  it("requires readMask and a contacts scope", async () => {
    const token = tokenWith(`${CONTACTS}.readonly`);
    const noMask = await people(token, "/v1/people:searchContacts?query=ada");
    expect(noMask.status).toBe(400);
    expect(noMask.body.error.status).toBe("INVALID_ARGUMENT");
    expect((await people(token, "/v1/people:searchContacts?query=ada&readMask=shoeSize")).status).toBe(400);
    const calendarOnly = tokenWith("https://www.googleapis.com/auth/calendar.events");
    const denied = await people(calendarOnly, "/v1/people:searchContacts?query=ada&readMask=names");
    expect(denied.status).toBe(403);
    expect(denied.body.error.status).toBe("PERMISSION_DENIED");
    expect((await people(token, "/v1/otherContacts:search?query=&readMask=names")).status).toBe(403);
  });

  it("searches other contacts with contacts.other.readonly, whose readMask allows only a few fields", async () => {
    const token = tokenWith(`${CONTACTS}.other.readonly`);
    expect((await people(token, "/v1/otherContacts:search?query=&readMask=names,emailAddresses")).status).toBe(200);
    const found = await people(token, "/v1/otherContacts:search?query=adam%40w&readMask=names,emailAddresses");
    expect(found.body.results.map((result: any) => result.person.emailAddresses[0].value)).toEqual(["adam@wealth.example"]);
    expect((await people(token, "/v1/otherContacts:search?query=ada&readMask=organizations")).status).toBe(400);
    expect((await people(token, "/v1/people:searchContacts?query=&readMask=names")).status).toBe(403);
  });

  it("creates a contact with the contacts scope only; it is found after the next warm-up", async () => {
    const body = { names: [{ givenName: "Grace", familyName: "Hopper" }], emailAddresses: [{ value: "grace@navy.example" }] };
    expect((await people(tokenWith(`${CONTACTS}.readonly`), "/v1/people:createContact", { method: "POST", body })).status).toBe(403);
    const token = tokenWith(CONTACTS);
    await people(token, "/v1/people:searchContacts?query=&readMask=names");
    const created = await people(token, "/v1/people:createContact?personFields=names,emailAddresses", { method: "POST", body });
    expect(created.status).toBe(200);
    expect(created.body.resourceName).toMatch(/^people\/c\d+$/);
    expect(created.body.names[0].displayName).toBe("Grace Hopper");
    expect(fake.contacts(USER).map((person) => person.emails)).toEqual([["ada@analytical.example"], ["grace@navy.example"]]);
    expect((await people(token, "/v1/people:searchContacts?query=grace&readMask=names")).body).toEqual({});
    await people(token, "/v1/people:searchContacts?query=&readMask=names");
    expect((await people(token, "/v1/people:searchContacts?query=grace&readMask=names")).body.results).toHaveLength(1);
  });

  it("refuses create bodies the API would refuse", async () => {
    const token = tokenWith(CONTACTS);
    const post = (body: unknown) => people(token, "/v1/people:createContact", { method: "POST", body });
    expect((await post({ names: [{ givenName: "A" }, { givenName: "B" }] })).status).toBe(400);
    expect((await post({ emailAddresses: [{ address: "x@example.com" }] })).status).toBe(400);
    expect((await post({ nickname: "x" })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect(fake.contacts(USER)).toHaveLength(1);
  });

  it("fails People API requests on demand like Calendar API ones", async () => {
    const token = tokenWith(`${CONTACTS}.readonly`);
    fake.failNext(1, { status: 500 });
    expect((await people(token, "/v1/people:searchContacts?query=&readMask=names")).status).toBe(500);
    expect((await people(token, "/v1/people:searchContacts?query=&readMask=names")).status).toBe(200);
  });
});
