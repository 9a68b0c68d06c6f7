// A link saved with its questions (the wizard's one request): the template is
// made or changed in the link's transaction, and a refused request leaves
// neither a link nor a template behind.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

describeOnEngines("a link and its questions in one request", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "owner" } });
  const send = (method: "GET" | "POST" | "PATCH", url: string, payload?: object) => t.app.inject({ method, url, headers: bearer(t.owner), ...(payload ? { payload } : {}) });
  const templates = async () => (await send("GET", "/api/v1/templates")).json().items as { id: string; name: string; questions: { id: string; label: string }[] }[];
  const links = async () => (await send("GET", "/api/v1/links")).json().items as { id: string; slug: string }[];
  const company = { id: "company", label: "Company", type: "short_text", isRequired: true };
  const goal = { id: "goal", label: "What would you like to discuss?", type: "long_text", isRequired: false };

  it("creates the link with a template of its questions, named after it, and changes that template on PATCH", async () => {
    const created = await send("POST", "/api/v1/links", { title: "Discovery", slug: "discovery", durationsMin: [30], questions: [company] });
    expect(created.statusCode, created.body).toBe(201);
    const link = created.json();
    const template = (await templates()).find((candidate) => candidate.id === link.templateId);
    expect(template).toMatchObject({ name: "Discovery questions", questions: [company] });

    const patched = await send("PATCH", `/api/v1/links/${link.id}`, { title: "Discovery call", questions: [company, goal], templateName: "Discovery form" });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().templateId).toBe(link.templateId);
    expect((await send("GET", `/api/v1/templates/${link.templateId}`)).json()).toMatchObject({ name: "Discovery form", questions: [company, goal] });
  });

  it("a slug already taken leaves no template behind", async () => {
    expect((await send("POST", "/api/v1/links", { title: "Taken", slug: "taken-slug", durationsMin: [30] })).statusCode).toBe(201);
    const [templatesBefore, linksBefore] = [await templates(), await links()];
    const refused = await send("POST", "/api/v1/links", { title: "Second", slug: "taken-slug", durationsMin: [30], questions: [company] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("SLUG_TAKEN");
    expect(await templates()).toEqual(templatesBefore);
    expect(await links()).toEqual(linksBefore);
  });

  it("a bad question leaves neither link nor template, and a PATCH with one changes nothing", async () => {
    const [templatesBefore, linksBefore] = [await templates(), await links()];
    const duplicateIds = await send("POST", "/api/v1/links", { title: "Bad questions", slug: "bad-questions", durationsMin: [30], questions: [company, { ...goal, id: "company" }] });
    expect(duplicateIds.statusCode).toBe(400);
    expect(duplicateIds.json().code).toBe("INVALID_QUESTIONS");
    expect(await templates()).toEqual(templatesBefore);
    expect(await links()).toEqual(linksBefore);

    const link = (await send("POST", "/api/v1/links", { title: "Plain", slug: "plain", durationsMin: [30] })).json();
    const templatesNow = await templates();
    const badPatch = await send("PATCH", `/api/v1/links/${link.id}`, { title: "Renamed", questions: [{ ...company, id: "9starts-with-a-digit" }] });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().code).toBe("INVALID_QUESTIONS");
    expect((await send("GET", `/api/v1/links/${link.id}`)).json()).toMatchObject({ title: "Plain", templateId: null });
    expect(await templates()).toEqual(templatesNow);
  });
});
