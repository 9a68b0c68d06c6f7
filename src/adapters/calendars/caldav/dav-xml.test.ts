import { describe, expect, it } from "vitest";
import { calendarMultigetBody, parseDavError, parseMultistatus } from "./dav-xml.js";

describe("DAV XML", () => {
  it("reads calendar-data with character references, CDATA, and etags that look like numbers", () => {
    const multistatus = parseMultistatus(
      `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:sync-token>http://example.com/sync/12</D:sync-token>` +
        `<D:response><D:href>/cal/a.ics</D:href><D:propstat><D:prop><D:getetag>0123</D:getetag><C:calendar-data>BEGIN:VCALENDAR&#13;\nSUMMARY:Caf&#233; &amp; co\nEND:VCALENDAR&#13;\n</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>` +
        `<D:response><D:href>/cal/b.ics</D:href><D:propstat><D:prop><C:calendar-data><![CDATA[BEGIN:VCALENDAR <b>]]></C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>` +
        `<D:response><D:href>/cal/gone.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response></D:multistatus>`,
    );
    expect(multistatus?.syncToken).toBe("http://example.com/sync/12");
    expect(multistatus?.responses.map((response) => [response.href, response.status, response.props.getetag ?? null])).toEqual([
      ["/cal/a.ics", null, "0123"],
      ["/cal/b.ics", null, null],
      ["/cal/gone.ics", 404, null],
    ]);
    expect(multistatus?.responses[0]?.props["calendar-data"]).toBe("BEGIN:VCALENDAR\r\nSUMMARY:Café & co\nEND:VCALENDAR\r");
    expect(multistatus?.responses[1]?.props["calendar-data"]).toBe("BEGIN:VCALENDAR <b>");
  });

  it("is null for a body that is not a multistatus", () => {
    expect(parseMultistatus("<html><body>Login</body></html>")).toBeNull();
    expect(parseMultistatus("not xml at all <")).toBeNull();
  });

  it("reads the preconditions of an error body with the href some servers name (RFC 4791 no-uid-conflict)", () => {
    const conflict = parseDavError(`<?xml version="1.0"?><D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><C:no-uid-conflict><D:href>/cal/other.ics</D:href></C:no-uid-conflict></D:error>`);
    expect([...conflict]).toEqual([["no-uid-conflict", "/cal/other.ics"]]);
    expect([...parseDavError(`<?xml version='1.0' encoding='utf-8'?>\n<error xmlns="DAV:"><valid-sync-token /></error>`)]).toEqual([["valid-sync-token", null]]);
  });

  it("escapes hrefs it sends", () => {
    expect(calendarMultigetBody(["/cal/a&b<c>.ics"])).toContain("<d:href>/cal/a&#38;b&#60;c&#62;.ics</d:href>");
  });
});
