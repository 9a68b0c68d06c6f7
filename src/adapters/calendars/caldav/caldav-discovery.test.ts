// Discovery on answers shaped like Nextcloud's (prefixed namespaces, a
// principal found through /.well-known/caldav, calendars shared read-only),
// which Radicale in the contract suite does not produce.
import { describe, expect, it } from "vitest";
import type { SafeFetch, SafeResponse } from "../safe-fetch.js";
import { createCaldavCalendarProvider } from "./caldav-calendar-provider.js";

const ORIGIN = "https://cloud.example.com";
const MULTISTATUS_OPEN = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:oc="http://owncloud.org/ns" xmlns:x1="http://apple.com/ns/ical/">`;

const privileges = (names: string[]) => `<d:current-user-privilege-set>${names.map((name) => `<d:privilege><d:${name}/></d:privilege>`).join("")}</d:current-user-privilege-set>`;
const calendar = (path: string, props: string) =>
  `<d:response><d:href>${path}</d:href><d:propstat><d:prop>${props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><cal:calendar-timezone/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>`;

const answers: Record<string, { url?: string; body: string }> = {
  "PROPFIND /.well-known/caldav": {
    // Where the well-known redirect led.
    url: `${ORIGIN}/remote.php/dav/`,
    body: `${MULTISTATUS_OPEN}<d:response><d:href>/remote.php/dav/</d:href><d:propstat><d:prop><d:current-user-principal><d:href>/remote.php/dav/principals/users/alice/</d:href></d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`,
  },
  "PROPFIND /remote.php/dav/principals/users/alice/": {
    body: `${MULTISTATUS_OPEN}<d:response><d:href>/remote.php/dav/principals/users/alice/</d:href><d:propstat><d:prop><cal:calendar-home-set><d:href>/remote.php/dav/calendars/alice/</d:href></cal:calendar-home-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`,
  },
  "PROPFIND /remote.php/dav/calendars/alice/": {
    body: [
      MULTISTATUS_OPEN,
      calendar("/remote.php/dav/calendars/alice/", "<d:resourcetype><d:collection/></d:resourcetype>"),
      calendar(
        "/remote.php/dav/calendars/alice/personal/",
        `<d:resourcetype><d:collection/><cal:calendar/></d:resourcetype><d:displayname>Personal</d:displayname><x1:calendar-color symbolic-color="custom">#0082C9FF</x1:calendar-color><cal:supported-calendar-component-set><cal:comp name="VEVENT"/><cal:comp name="VTODO"/></cal:supported-calendar-component-set>${privileges(["write", "write-properties", "write-content", "bind", "unbind", "read"])}<cal:calendar-timezone-id>Europe/Paris</cal:calendar-timezone-id>`,
      ),
      calendar(
        "/remote.php/dav/calendars/alice/team_shared_by_bob/",
        `<d:resourcetype><d:collection/><cal:calendar/></d:resourcetype><d:displayname>Team (Bob)</d:displayname><cal:supported-calendar-component-set><cal:comp name="VEVENT"/></cal:supported-calendar-component-set>${privileges(["read", "read-current-user-privilege-set"])}`,
      ),
      calendar(
        "/remote.php/dav/calendars/alice/tasks/",
        `<d:resourcetype><d:collection/><cal:calendar/></d:resourcetype><d:displayname>Tasks</d:displayname><cal:supported-calendar-component-set><cal:comp name="VTODO"/></cal:supported-calendar-component-set>${privileges(["all"])}`,
      ),
      calendar("/remote.php/dav/calendars/alice/inbox/", "<d:resourcetype><d:collection/><cal:schedule-inbox/></d:resourcetype>"),
      calendar("/remote.php/dav/calendars/alice/no%20name/", "<d:resourcetype><d:collection/><cal:calendar/></d:resourcetype>"),
      "</d:multistatus>",
    ].join(""),
  },
};

const cannedServer: SafeFetch = async (url, request) => {
  const path = new URL(url).pathname;
  const answer = answers[`${request?.method} ${path}`];
  const response: SafeResponse = answer
    ? { status: 207, headers: new Headers({ "content-type": "application/xml" }), url: answer.url ?? url, body: answer.body }
    : { status: 404, headers: new Headers(), url, body: "" };
  return response;
};

describe("CalDAV discovery on a Nextcloud-shaped server", () => {
  it("follows the principal to the calendar home and keeps the calendars that take events", async () => {
    const provider = createCaldavCalendarProvider({ kind: "caldav", serverUrl: `${ORIGIN}/`, username: "alice", password: "app-password" }, cannedServer);
    expect(await provider.listCalendars()).toEqual([
      { remoteId: `${ORIGIN}/remote.php/dav/calendars/alice/personal/`, name: "Personal", color: "#0082c9", readOnly: false, timeZone: "Europe/Paris" },
      { remoteId: `${ORIGIN}/remote.php/dav/calendars/alice/team_shared_by_bob/`, name: "Team (Bob)", color: null, readOnly: true, timeZone: null },
      { remoteId: `${ORIGIN}/remote.php/dav/calendars/alice/no%20name/`, name: "no name", color: null, readOnly: false, timeZone: null },
    ]);
  });

  it("says so when the URL leads to no CalDAV account", async () => {
    const provider = createCaldavCalendarProvider({ kind: "caldav", serverUrl: `${ORIGIN}/nothing-here/`, username: "alice", password: "app-password" }, async (url) => ({ status: 404, headers: new Headers(), url, body: "" }));
    await expect(provider.listCalendars()).rejects.toMatchObject({ kind: "rejected", status: 404 });
  });
});
