// POST /leads/import: CSV, NDJSON and JSON arrays, streamed; all or nothing
// unless skipInvalid; a later duplicate row wins with a warning; campaigns by
// name are created; existing leads are updated, not duplicated. On every engine.
import { Readable } from "node:stream";
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { addMember } from "./lead-fixtures.js";

describeOnEngines("lead import", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "lead-import" } });
  const upload = (body: string | Readable, contentType: string, query = "", owner = t.owner) =>
    t.app.inject({ method: "POST", url: `/api/v1/leads/import${query}`, headers: { ...bearer(owner), "content-type": contentType }, payload: body });
  const leadCount = async () => Number(((await t.database.executeSql(`select count(*)::int as n from leads`)).rows[0] as { n: number }).n);

  it("refuses a file with a bad row as a whole, reporting each problem by line, and imports the good rows when asked to skip", async () => {
    const csv = [
      "email,name,company,campaign,owner,Region",
      "ada@import.example,Ada,Engines,Spring,,EMEA",
      "not-an-email,Bad,Row,,,",
      '"quoted@import.example","Quoted, Name",Co,spring,,"multi',
      'line"',
      "nobody@import.example,No One,,,stranger@example.com,",
      "short@import.example,Short",
    ].join("\n");
    const refused = await upload(csv, "text/csv");
    expect(refused.statusCode, refused.body).toBe(422);
    const problem = refused.json();
    expect(problem).toMatchObject({ code: "LEAD_IMPORT_INVALID", created: 0, updated: 0, errorCount: 3 });
    expect(problem.errors).toEqual([
      { line: 3, row: 2, field: "email", message: "is not an email address" },
      { line: 6, row: 4, field: "owner", message: "is not a member of the organisation" },
      { line: 7, row: 5, field: "row", message: "has 2 cells; the header has 6" },
    ]);
    expect(await leadCount()).toBe(0);
    expect(((await t.database.executeSql(`select count(*)::int as n from campaigns`)).rows[0] as { n: number }).n).toBe(0);

    const skipped = await upload(csv, "text/csv; charset=utf-8", "?skipInvalid=true");
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json()).toMatchObject({ created: 2, updated: 0, skipped: 3, errorCount: 3 });
    const leads = (await t.app.inject({ method: "GET", url: "/api/v1/leads?q=import.example", headers: bearer(t.owner) })).json().items;
    const campaigns = (await t.app.inject({ method: "GET", url: "/api/v1/campaigns", headers: bearer(t.owner) })).json().items;
    expect(campaigns.map((campaign: { name: string }) => campaign.name)).toEqual(["Spring"]);
    expect(leads.find((lead: { email: string }) => lead.email === "ada@import.example")).toMatchObject({ name: "Ada", company: "Engines", campaignId: campaigns[0].id, ownerUserId: t.owner.userId, customFields: { Region: "EMEA" } });
    expect(leads.find((lead: { email: string }) => lead.email === "quoted@import.example")).toMatchObject({ name: "Quoted, Name", campaignId: campaigns[0].id, customFields: { Region: "multi\nline" } });
  });

  it("updates existing leads (blank cells keep values, custom fields merge) and lets a later duplicate row win with a warning", async () => {
    const first = await upload("email,name,company,tier\nkeep@dup.example,Keep,Old Co,gold\n", "text/csv");
    expect(first.json()).toMatchObject({ created: 1, updated: 0 });
    const second = await upload(
      [{ email: "KEEP@dup.example", title: "CTO", customFields: { source: "fair" } }, { email: "twice@dup.example", name: "First" }, { email: "Twice@Dup.example ", name: "Second" }]
        .map((row) => JSON.stringify(row))
        .join("\n"),
      "application/x-ndjson",
    );
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ created: 1, updated: 1, skipped: 1, errorCount: 0, warningCount: 1 });
    expect(second.json().warnings).toEqual([{ line: 3, row: 3, field: "email", message: "same email as line 2; this later row wins" }]);
    const leads = (await t.app.inject({ method: "GET", url: "/api/v1/leads?q=dup.example", headers: bearer(t.owner) })).json().items;
    expect(leads).toHaveLength(2);
    expect(leads.find((lead: { emailKey?: string; email: string }) => lead.email.toLowerCase() === "keep@dup.example")).toMatchObject({ name: "Keep", company: "Old Co", title: "CTO", customFields: { tier: "gold", source: "fair" } });
    expect(leads.find((lead: { email: string }) => lead.email.toLowerCase() === "twice@dup.example")).toMatchObject({ name: "Second" });
  });

  it("reads a JSON array element by element, across chunk boundaries, and refuses a broken one", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ email: `json${i}@array.example`, name: `Json "${i}" [x]`, company: i % 2 ? "{odd}" : "even" }));
    const text = `[\n${rows.map((row) => JSON.stringify(row)).join(",\n")}\n]`;
    // Small chunks: elements, strings and escapes are cut in the middle.
    const chunks = Array.from({ length: Math.ceil(text.length / 97) }, (_, i) => text.slice(i * 97, (i + 1) * 97));
    const imported = await upload(Readable.from(chunks), "application/json");
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 3000, updated: 0, skipped: 0 });
    const one = (await t.app.inject({ method: "GET", url: "/api/v1/leads?q=json2999%40", headers: bearer(t.owner) })).json().items;
    expect(one).toEqual([expect.objectContaining({ name: 'Json "2999" [x]', company: "{odd}" })]);

    const broken = await upload('[{"email":"a@broken.example"}, 42, {"email": "b@broken.example"', "application/json");
    expect(broken.statusCode).toBe(422);
    expect(broken.json().errors).toEqual([
      { line: 1, row: 2, field: "row", message: "must be a JSON object" },
      { line: 1, row: 3, field: "file", message: "ends before its array is closed" },
    ]);
    expect((await upload("{}", "application/json")).json().errors).toEqual([{ line: 1, row: 1, field: "file", message: "must be one JSON array of objects" }]);
    const unsupported = await upload("email\nx@y.example", "text/plain");
    expect(unsupported.statusCode).toBe(415);
  });

  it("keeps a member's import to their own leads", async () => {
    const member = await addMember(t.app, t.owner, "importer");
    const owned = await upload("email,name\nowner.only@member.example,Owner's\n", "text/csv");
    expect(owned.json()).toMatchObject({ created: 1 });
    const foreign = await upload("email,name\nowner.only@member.example,Taken\n", "text/csv", "", member);
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors).toEqual([{ line: 2, row: 1, field: "email", message: "belongs to a lead you do not own" }]);
    const named = await upload(`email,name,owner\nnew@member.example,New,${t.owner.email}\n`, "text/csv", "", member);
    expect(named.json().errors).toEqual([{ line: 2, row: 1, field: "owner", message: "a member imports leads for themselves only" }]);
    const fine = await upload("email,name\nmine@member.example,Mine\n", "text/csv", "", member);
    expect(fine.statusCode, fine.body).toBe(200);
    const lead = (await t.app.inject({ method: "GET", url: "/api/v1/leads?q=mine%40member", headers: bearer(member) })).json().items[0];
    expect(lead.ownerUserId).toBe(member.userId);
    const untouched = (await t.app.inject({ method: "GET", url: "/api/v1/leads?q=owner.only", headers: bearer(t.owner) })).json().items[0];
    expect(untouched.name).toBe("Owner's");
  });

  it("refuses a body over the import's limit without writing", async () => {
    const before = await leadCount();
    const notes = "n".repeat(1000);
    // Over 50 MB of valid rows: the limit stops the import, not a row.
    const big = Buffer.from(`email,name,notes\n${Array.from({ length: 51 * 1024 }, (_, i) => `big${i}@big.example,Big,${notes}\n`).join("")}`);
    const response = await upload(big as unknown as string, "text/csv");
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe("BODY_TOO_LARGE");
    expect(await leadCount()).toBe(before);
  });
});
