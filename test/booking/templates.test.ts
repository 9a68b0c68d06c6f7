// Owner template routes: create, read, list, change, delete, audit, and the link's templateId check.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

const QUESTIONS = [
  { id: "company", label: "Company", type: "short_text", isRequired: true },
  { id: "context", label: "What should we know?", type: "long_text", isRequired: false },
  { id: "workEmail", label: "Work email", type: "email", isRequired: false },
  { id: "phone", label: "Phone", type: "phone", isRequired: false },
  { id: "size", label: "Team size", type: "single_choice", isRequired: true, options: ["1-10", "11-50", "51+"] },
  { id: "topics", label: "Topics", type: "multiple_choice", isRequired: false, options: ["Pricing", "Security", "Integrations"] },
  { id: "terms", label: "I accept the terms", type: "checkbox", isRequired: true },
];

describeOnEngines("templates", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "templates", other: "templates-other" } });
  const send = (method: "POST" | "PATCH" | "GET" | "DELETE", url: string, payload?: object, who: Owner = t.owner) =>
    t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  const auditOf = async (action: string, targetId: string) => {
    const audit = (await send("GET", "/api/v1/audit-log?limit=200")).json();
    return audit.items.filter((item: { action: string; target: { id: string } | null }) => item.action === action && item.target?.id === targetId);
  };

  it("creates a template with every question type, reads and lists it, and audits it", async () => {
    const response = await send("POST", "/api/v1/templates", { name: "Discovery", questions: QUESTIONS, sendsFollowUp: true });
    expect(response.statusCode, response.body).toBe(201);
    const template = response.json();
    expect(template).toMatchObject({ name: "Discovery", questions: QUESTIONS, sendsFollowUp: true });
    expect(template.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await send("GET", `/api/v1/templates/${template.id}`)).json()).toEqual(template);
    const list = (await send("GET", "/api/v1/templates")).json();
    expect(list.items.map((item: { id: string }) => item.id)).toContain(template.id);
    const [entry] = await auditOf("template.created", template.id);
    expect(entry).toMatchObject({ actor: { type: "api_key" }, target: { type: "template", id: template.id } });
    expect(entry.changes).toEqual({ name: "Discovery", questions: QUESTIONS, sendsFollowUp: true });
  });

  it("fills defaults: no follow-up, optional questions, trimmed labels", async () => {
    const response = await send("POST", "/api/v1/templates", { name: "  Short  ", questions: [{ id: "why", label: "  Why? ", type: "short_text" }] });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ name: "Short", sendsFollowUp: false, questions: [{ id: "why", label: "Why?", type: "short_text", isRequired: false }] });
    expect(response.json().questions[0]).not.toHaveProperty("options");
  });

  it("refuses invalid questions with INVALID_QUESTIONS and field paths", async () => {
    const response = await send("POST", "/api/v1/templates", {
      name: "Bad",
      questions: [
        { id: "a", label: "A", type: "single_choice", isRequired: false, options: [] },
        { id: "a", label: "B", type: "short_text", isRequired: false, options: ["x"] },
        { id: "has space", label: " ", type: "checkbox", isRequired: true },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const problem = response.json();
    expect(problem.code).toBe("INVALID_QUESTIONS");
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(["questions.0.options", "questions.1.id", "questions.1.options", "questions.2.id", "questions.2.label"]);
  });

  it("refuses malformed bodies with VALIDATION_FAILED", async () => {
    for (const body of [
      { questions: [] },
      { name: "", questions: [] },
      { name: "X", questions: [{ id: "a", label: "A", type: "date" }] },
      { name: "X", questions: [], extra: true },
      { name: "X", questions: [{ id: "a", label: "A", type: "short_text", required: true }] },
    ]) {
      const response = await send("POST", "/api/v1/templates", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe("VALIDATION_FAILED");
    }
  });

  it("changes only the fields sent and audits old and new values; an unchanged PATCH is not audited", async () => {
    const template = (await send("POST", "/api/v1/templates", { name: "Patch me", questions: QUESTIONS })).json();
    const same = await send("PATCH", `/api/v1/templates/${template.id}`, { questions: QUESTIONS, name: "Patch me" });
    expect(same.statusCode, same.body).toBe(200);
    expect(await auditOf("template.updated", template.id)).toHaveLength(0);

    const newQuestions = [QUESTIONS[0]!, { id: "budget", label: "Budget", type: "single_choice", isRequired: false, options: ["<10k", "10k+"] }];
    const patched = await send("PATCH", `/api/v1/templates/${template.id}`, { name: "Patched", questions: newQuestions, sendsFollowUp: false });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: "Patched", questions: newQuestions, sendsFollowUp: false, createdAt: template.createdAt });
    const entries = await auditOf("template.updated", template.id);
    expect(entries).toHaveLength(1);
    expect(entries[0].changes).toEqual({ name: { old: "Patch me", new: "Patched" }, questions: { old: QUESTIONS, new: newQuestions } });

    const invalid = await send("PATCH", `/api/v1/templates/${template.id}`, { questions: [{ id: "x", label: "X", type: "multiple_choice" }] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe("INVALID_QUESTIONS");
  });

  it("lets a link use a live template of its own organisation only (TEMPLATE_NOT_FOUND)", async () => {
    const mine = (await send("POST", "/api/v1/templates", { name: "Mine", questions: [] })).json();
    const theirs = (await send("POST", "/api/v1/templates", { name: "Theirs", questions: [] }, t.other)).json();
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const templateId of [theirs.id, unknown]) {
      const response = await send("POST", "/api/v1/links", { title: "With template", durationsMin: [30], templateId });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: "TEMPLATE_NOT_FOUND", templateId });
    }
    const link = await send("POST", "/api/v1/links", { title: "With template", durationsMin: [30], templateId: mine.id });
    expect(link.statusCode, link.body).toBe(201);
    expect(link.json().templateId).toBe(mine.id);
    const moved = await send("PATCH", `/api/v1/links/${link.json().id}`, { templateId: theirs.id });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().code).toBe("TEMPLATE_NOT_FOUND");
  });

  it("refuses to delete a template in use (TEMPLATE_IN_USE), then deletes it softly once unused", async () => {
    const template = (await send("POST", "/api/v1/templates", { name: "Doomed", questions: QUESTIONS })).json();
    const link = (await send("POST", "/api/v1/links", { title: "Uses Doomed", durationsMin: [30], templateId: template.id })).json();
    const inUse = await send("DELETE", `/api/v1/templates/${template.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: "TEMPLATE_IN_USE", linkIds: [link.id] });

    expect((await send("PATCH", `/api/v1/links/${link.id}`, { templateId: null })).statusCode).toBe(200);
    expect((await send("DELETE", `/api/v1/templates/${template.id}`)).statusCode).toBe(204);
    expect((await send("GET", `/api/v1/templates/${template.id}`)).statusCode).toBe(404);
    expect((await send("PATCH", `/api/v1/templates/${template.id}`, { name: "Back?" })).json().code).toBe("NOT_FOUND");
    expect((await send("DELETE", `/api/v1/templates/${template.id}`)).statusCode).toBe(404);
    const list = (await send("GET", "/api/v1/templates")).json();
    expect(list.items.map((item: { id: string }) => item.id)).not.toContain(template.id);
    const [entry] = await auditOf("template.deleted", template.id);
    expect(entry.changes).toEqual({ name: "Doomed" });

    const reuse = await send("PATCH", `/api/v1/links/${link.id}`, { templateId: template.id });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().code).toBe("TEMPLATE_NOT_FOUND");
  });

  it("does not count deleted links as users of a template", async () => {
    const template = (await send("POST", "/api/v1/templates", { name: "Orphan", questions: [] })).json();
    const link = (await send("POST", "/api/v1/links", { title: "Short-lived", durationsMin: [30], templateId: template.id })).json();
    expect((await send("DELETE", `/api/v1/links/${link.id}`)).statusCode).toBe(204);
    expect((await send("DELETE", `/api/v1/templates/${template.id}`)).statusCode).toBe(204);
  });

  it("answers 404 for unknown and malformed ids and for another organisation's template", async () => {
    const theirs = (await send("POST", "/api/v1/templates", { name: "Private", questions: [] }, t.other)).json();
    for (const id of [theirs.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const response = await send("GET", `/api/v1/templates/${id}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("NOT_FOUND");
    }
    expect((await send("GET", "/api/v1/templates")).body).not.toContain(theirs.id);
  });
});
