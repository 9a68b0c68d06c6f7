// The link wizard's draft: a saved link opens as the owner set it and saves
// back unchanged; hours, notice and questions take the API's shapes.
import { describe, expect, it } from "vitest";
import type { Link, Template } from "../link-api";
import { draftFromLink, linkBodyOf, newDraft, optionsOf, templateQuestionsOf, weeklyHoursOf, type QuestionDraft } from "./draft";
import { checkTeam } from "./team-draft";

const LINK = {
  id: "11111111-1111-4111-8111-111111111111",
  ownerUserId: "22222222-2222-4222-8222-222222222222",
  title: "Intro call",
  slug: "intro",
  description: "Let's talk",
  location: { type: "in_person", value: "Main St 1" },
  timeZone: "America/New_York",
  weeklyHours: [
    { days: [1, 3], start: "13:00", end: "24:00" },
    { days: [1, 2, 3], start: "09:00", end: "12:00" },
  ],
  dateOverrides: [
    { date: "2026-12-24", intervals: [] },
    { date: "2026-12-31", intervals: [{ start: "10:00", end: "24:00" }] },
  ],
  holidays: ["2026-12-25"],
  durationsMin: [60, 15, 30],
  defaultDurationMin: 30,
  bufferBeforeMin: 5,
  bufferAfterMin: 10,
  minNoticeMin: 2880,
  slotIntervalMin: null,
  maxDaysAhead: 30,
  rangeStartDate: null,
  rangeEndDate: "2027-06-30",
  maxPerDay: 4,
  maxPerWeek: null,
  hostMode: "single",
  hostUserIds: ["22222222-2222-4222-8222-222222222222"],
  hostSettings: [],
  hostHours: "link",
  isActive: false,
  templateId: "33333333-3333-4333-8333-333333333333",
  bookingUrl: "http://convene.test/owner/intro",
  apiUrl: "http://convene.test/api/v1/public/links/owner/intro",
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-01T00:00:00.000Z",
} satisfies Link;

const TEMPLATE = {
  id: "33333333-3333-4333-8333-333333333333",
  name: "Discovery",
  questions: [
    { id: "company", label: "Company", type: "short_text", isRequired: true },
    { id: "size", label: "Team size", type: "single_choice", isRequired: false, options: ["1-10", "11+"] },
  ],
  sendsFollowUp: false,
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-01T00:00:00.000Z",
} satisfies Template;

describe("a new draft", () => {
  it("offers weekdays 09:00–17:00 in the owner's zone, 30 minutes, a 60-day window and no questions", () => {
    const draft = newDraft("Europe/Berlin");
    expect(draft.timeZone).toBe("Europe/Berlin");
    expect(weeklyHoursOf(draft.week)).toEqual([{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }]);
    expect(linkBodyOf({ ...draft, title: "  Demo  " }, null)).toMatchObject({
      title: "Demo",
      durationsMin: [30],
      defaultDurationMin: 30,
      maxDaysAhead: 60,
      minNoticeMin: 0,
      slotIntervalMin: null,
      templateId: null,
      location: { type: "jitsi", value: null },
    });
    expect(linkBodyOf(draft, null)).not.toHaveProperty("slug");
  });

  it("starts from the owner's own working hours when they have them", () => {
    const hours = [
      { days: [2, 4], start: "08:00", end: "12:30" },
      { days: [4], start: "14:00", end: "24:00" },
    ];
    const draft = newDraft("America/New_York", hours);
    expect(draft.week[2]).toEqual([{ start: "08:00", end: "12:30" }]);
    expect(weeklyHoursOf(draft.week)).toEqual([
      { days: [2, 4], start: "08:00", end: "12:30" },
      { days: [4], start: "14:00", end: "24:00" },
    ]);
    expect(linkBodyOf({ ...draft, title: "Demo" }, null).weeklyHours).toEqual(weeklyHoursOf(draft.week));
  });
});

describe("a saved link in the wizard", () => {
  const draft = draftFromLink(LINK, [TEMPLATE]);

  it("shows hours per weekday in order, with midnight at the end of a day as 00:00 (what a time input can hold)", () => {
    expect(draft.week[1]).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "00:00" },
    ]);
    expect(draft.week[2]).toEqual([{ start: "09:00", end: "12:00" }]);
    expect(draft.week[0]).toEqual([]);
    expect(draft.overrides.map((override) => [override.date, override.isClosed, override.ranges])).toEqual([
      ["2026-12-24", true, [{ start: "09:00", end: "17:00" }]],
      ["2026-12-31", false, [{ start: "10:00", end: "00:00" }]],
    ]);
  });

  it("shows the notice in its largest whole unit", () => {
    expect([draft.minNotice, draft.minNoticeUnit]).toEqual(["2", "days"]);
    expect(draftFromLink({ ...LINK, minNoticeMin: 90 }, []).minNotice).toBe("90");
    expect(draftFromLink({ ...LINK, minNoticeMin: 120 }, []).minNoticeUnit).toBe("hours");
    expect(draftFromLink({ ...LINK, minNoticeMin: 0 }, []).minNoticeUnit).toBe("hours");
  });

  it("opens the link's template with its questions, or none when the template is gone", () => {
    expect(draft.templateChoice).toBe(TEMPLATE.id);
    expect(draft.questions.map((question) => [question.id, question.optionsText])).toEqual([["company", ""], ["size", "1-10\n11+"]]);
    expect(draftFromLink(LINK, []).templateChoice).toBe("none");
  });

  it("saves back what was loaded, settings the wizard does not edit included", () => {
    const body = linkBodyOf(draft, LINK.templateId);
    // Everything an owner sets comes back as it was, durations and weekly rules sorted.
    const { id: _id, ownerUserId: _ownerUserId, bookingUrl: _bookingUrl, apiUrl: _apiUrl, createdAt: _createdAt, updatedAt: _updatedAt, durationsMin: _durationsMin, ...settings } = LINK;
    expect(body).toEqual({ ...settings, durationsMin: [15, 30, 60], weeklyHours: [LINK.weeklyHours[1], LINK.weeklyHours[0]] });
  });

  it("drops the location text for a Jitsi room (made per booking) and empty rows the owner left", () => {
    const body = linkBodyOf({ ...draft, locationType: "jitsi", holidays: [...draft.holidays, { key: "x", date: "" }], overrides: [...draft.overrides, { key: "y", date: "", isClosed: true, ranges: [] }] }, null);
    expect(body.location).toEqual({ type: "jitsi", value: null });
    expect(body.holidays).toEqual(["2026-12-25"]);
    expect(body.dateOverrides).toHaveLength(2);
  });

  it("drops the location text for a Google Meet or Teams meeting (the host's calendar makes it per booking)", () => {
    expect(linkBodyOf({ ...draft, locationType: "google_meet" }, null).location).toEqual({ type: "google_meet", value: null });
    expect(linkBodyOf({ ...draft, locationType: "teams" }, null).location).toEqual({ type: "teams", value: null });
  });
});

describe("weeklyHoursOf", () => {
  it("makes one rule per time range, listing each day that has it once", () => {
    const week = [[], [{ start: "09:00", end: "12:00" }], [{ start: "09:00", end: "12:00" }, { start: "09:00", end: "12:00" }], [], [], [{ start: "08:00", end: "00:00" }], []];
    expect(weeklyHoursOf(week)).toEqual([
      { days: [5], start: "08:00", end: "24:00" },
      { days: [1, 2], start: "09:00", end: "12:00" },
    ]);
  });
});

describe("template questions", () => {
  const draftQuestion = (label: string, id = "", type: QuestionDraft["type"] = "short_text", optionsText = ""): QuestionDraft => ({ key: label, id, label, type, isRequired: false, optionsText });

  it("keeps saved ids and makes new ones from the label: plain ASCII, unique, never starting with a digit", () => {
    const questions = templateQuestionsOf([draftQuestion("Company", "company"), draftQuestion("Company"), draftQuestion("Société à responsabilité"), draftQuestion("2nd choice?"), draftQuestion("!!!")]);
    expect(questions.map((question) => question.id)).toEqual(["company", "company_2", "societe_a_responsabilite", "nd_choice", "question_5"]);
  });

  it("sends options only for choice questions, one per non-empty line, trimmed", () => {
    const [choice, text] = templateQuestionsOf([draftQuestion(" Size ", "size", "single_choice", " 1-10 \n\n11+\n"), draftQuestion("Notes", "notes", "long_text", "ignored")]);
    expect(choice).toEqual({ id: "size", label: "Size", type: "single_choice", isRequired: false, options: ["1-10", "11+"] });
    expect(text).not.toHaveProperty("options");
    expect(optionsOf("  a \n b\n\n")).toEqual(["a", "b"]);
  });
});

describe("the hosts of a draft", () => {
  const [a, b] = ["44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555"];

  it("leaves the host to the server on a new link, and sends mode, hosts, settings and hours for a team", () => {
    expect(linkBodyOf(newDraft("UTC"), null)).toMatchObject({ hostMode: "single", hostSettings: [], hostHours: "link" });
    expect(linkBodyOf(newDraft("UTC"), null)).not.toHaveProperty("hostUserIds");
    const team = { hostMode: "round_robin" as const, hostUserIds: [a, b], settings: { [a]: { weight: "2", priority: "1" }, [b]: { weight: "1", priority: "0" } }, hostHours: "host" as const };
    expect(linkBodyOf({ ...newDraft("UTC"), team }, null)).toMatchObject({ hostMode: "round_robin", hostUserIds: [a, b], hostSettings: [{ userId: a, weight: 2, priority: 1 }], hostHours: "host" });
    expect(linkBodyOf({ ...newDraft("UTC"), team: { ...team, hostMode: "collective" } }, null).hostSettings).toEqual([]);
  });

  it("opens a saved team link as it was saved", () => {
    const draft = draftFromLink({ ...LINK, hostMode: "round_robin", hostUserIds: [a, b], hostSettings: [{ userId: b, weight: 3, priority: 2 }], hostHours: "host" }, []);
    expect(draft.team).toEqual({ hostMode: "round_robin", hostUserIds: [a, b], settings: { [b]: { weight: "3", priority: "2" } }, hostHours: "host" });
  });

  it("asks for two hosts on a team link, one on a single link, and weights and priorities in range", () => {
    const base = { hostMode: "collective" as const, hostUserIds: [a], settings: {}, hostHours: "link" as const };
    expect(checkTeam(base)).toEqual({ hostUserIds: "Choose at least two hosts for a team link." });
    expect(checkTeam({ ...base, hostMode: "single", hostUserIds: [a, b] })).toHaveProperty("hostUserIds");
    expect(checkTeam({ ...base, hostMode: "round_robin", hostUserIds: [a, b], settings: { [a]: { weight: "0", priority: "11" } } })).toEqual({
      [`hostSettings.${a}.weight`]: "Weight is a whole number from 1 to 100.",
      [`hostSettings.${a}.priority`]: "Priority is a whole number from 0 to 10.",
    });
    expect(checkTeam({ ...base, hostMode: "round_robin", hostUserIds: [a, b], settings: { [a]: { weight: "100", priority: "10" } } })).toEqual({});
  });
});
