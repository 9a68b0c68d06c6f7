// The invitee's answers in the form's order wherever they are shown: PostgreSQL's
// jsonb sorts an object's keys (shorter first), so stored order is not the form's.
import { expect, it } from "vitest";
import { book, MEETING_START, NY_WEEKDAYS } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { bearer, useTestApp, useTestJobs } from "../support/test-app.js";

type Mail = { to: { email: string }; text: string; html: string };

// Asked in this order; jsonb would give them back as ab, topic, companyName.
const questions = [
  { id: "companyName", label: "Company", type: "short_text", isRequired: true },
  { id: "topic", label: "Topics", type: "multiple_choice", isRequired: true, options: ["Pricing", "Security"] },
  { id: "ab", label: "Team size", type: "short_text", isRequired: true },
];
const answers = { ab: "12 people", topic: ["Security", "Pricing"], companyName: "Acme Ltd" };

describeOnEngines("answers in the form's order", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "answers" } });
  const jobs = useTestJobs(t);

  it("in the host's email (the one that lists them) and the booking's detail", async () => {
    const created = await t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(t.owner), payload: { title: "Discovery", slug: "discovery", durationsMin: [30], ...NY_WEEKDAYS, questions } });
    expect(created.statusCode, created.body).toBe(201);
    const booked = await book(t.app, new URL(created.json().apiUrl).pathname, MEETING_START, { answers, email: "ordered@example.com" });
    expect(booked.statusCode, booked.body).toBe(201);

    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booked.json().id}`, headers: bearer(t.owner) })).json();
    expect(detail.answerList).toEqual([
      { questionId: "companyName", label: "Company", value: "Acme Ltd" },
      { questionId: "topic", label: "Topics", value: "Pricing, Security" },
      { questionId: "ab", label: "Team size", value: "12 people" },
    ]);
    expect(Object.keys(detail.answers)).toEqual(["companyName", "topic", "ab"]);

    await jobs.relayOnce(t.clock.nowMs);
    const outbox = async (): Promise<Mail[]> => (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(t.owner) })).json().items;
    const mails = await settle(outbox, (items) => items.length >= 2, 15_000);
    const toHost = mails.find((mail) => mail.to.email === t.owner.email)!;
    for (const body of [toHost.text, toHost.html]) {
      const at = ["Company", "Topics", "Team size"].map((label) => body.indexOf(label));
      expect(at.every((index) => index >= 0), body).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });
});
