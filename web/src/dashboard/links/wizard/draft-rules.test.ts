// The wizard's step checks, in the words the owner reads, and a server problem
// sorted back onto the step and field it is about.
import { describe, expect, it } from "vitest";
import { ApiProblem } from "../../../api/client";
import { areDatesOver, checkStep, noOpenTimesCauses, serverErrorsOf } from "./draft-rules";
import { newDraft, type Draft } from "./draft";

const draft = (changes: Partial<Draft> = {}): Draft => ({ ...newDraft("Europe/Berlin"), title: "Intro call", slug: "intro-call", ...changes });

describe("checkStep", () => {
  it("passes a new draft with a title on every step", () => {
    for (const step of ["basics", "availability", "durations", "limits", "questions", "review"] as const) expect(checkStep(step, draft(), false), step).toEqual({});
  });

  describe("basics", () => {
    it("asks for a title invitees will see, and keeps it short", () => {
      expect(checkStep("basics", draft({ title: "   " }), false)).toEqual({ title: "Give the link a title; invitees see it on the booking page." });
      expect(checkStep("basics", draft({ title: "x".repeat(200) }), false)).toEqual({});
      expect(checkStep("basics", draft({ title: "x".repeat(201) }), false)).toEqual({ title: "Keep the title to 200 characters." });
    });

    it("always wants an address, saying so when the title has no letters to make one, and explains the address's shape", () => {
      expect(checkStep("basics", draft({ slug: "" }), false)).toEqual({ slug: "Enter the address of the link." });
      expect(checkStep("basics", draft({ slug: "" }), true)).toEqual({ slug: "Enter the address of the link." });
      expect(checkStep("basics", draft({ title: "会议", slug: "" }), false)).toEqual({ slug: "Type the address: this title has no letters an address can use (a-z, 0-9), e.g. intro-call." });
      const shape = "Use lower-case letters, digits and dashes (not at the start or end), up to 64.";
      for (const slug of ["Intro", "-intro", "intro-", "intro call", "x".repeat(65)]) expect(checkStep("basics", draft({ slug }), false).slug, slug).toBe(shape);
      for (const slug of ["a", "intro-call-2", "x".repeat(64)]) expect(checkStep("basics", draft({ slug }), false), slug).toEqual({});
    });

    it("asks where an in-person or custom meeting happens", () => {
      expect(checkStep("basics", draft({ locationType: "in_person", locationValue: " " }), false)).toEqual({ locationValue: "Enter the address." });
      expect(checkStep("basics", draft({ locationType: "custom", locationValue: "" }), false)).toEqual({ locationValue: "Describe where the meeting happens." });
      expect(checkStep("basics", draft({ locationType: "phone", locationValue: "" }), false)).toEqual({});
      expect(checkStep("basics", draft({ locationType: "jitsi", locationValue: "" }), false)).toEqual({});
    });

    it("asks for a meeting link that is a web address", () => {
      expect(checkStep("basics", draft({ locationType: "meeting_url", locationValue: " " }), false)).toEqual({ locationValue: "Enter the meeting's URL, e.g. https://zoom.us/j/1234567890." });
      const shape = "Enter a web address starting with https://, e.g. https://zoom.us/j/1234567890.";
      for (const value of ["zoom.us/j/1", "javascript:alert(1)", "https://zoom.us/j/1 2", "https://user:pw@zoom.us/j/1"]) expect(checkStep("basics", draft({ locationType: "meeting_url", locationValue: value }), false), value).toEqual({ locationValue: shape });
      for (const value of ["https://zoom.us/j/1?pwd=x", " http://meet.example.org/room "]) expect(checkStep("basics", draft({ locationType: "meeting_url", locationValue: value }), false), value).toEqual({});
    });
  });

  describe("availability", () => {
    it("needs some hours, from a weekday or a dated exception", () => {
      const closed = draft({ week: [[], [], [], [], [], [], []] });
      expect(checkStep("availability", closed, false)).toEqual({ week: "Open at least one day, or add a date with hours: without hours the link offers no times." });
      expect(checkStep("availability", { ...closed, overrides: [{ key: "k1", date: "2026-12-01", isClosed: false, ranges: [{ start: "09:00", end: "10:00" }] }] }, false)).toEqual({});
    });

    it("names the range that ends too early and the one that overlaps another; 00:00 ends the day", () => {
      const week = newDraft("UTC").week;
      week[1] = [
        { start: "09:00", end: "12:00" },
        { start: "11:00", end: "13:00" },
        { start: "15:00", end: "14:00" },
        { start: "22:00", end: "00:00" },
      ];
      expect(checkStep("availability", draft({ week }), false)).toEqual({ "week.1.1.start": "Overlaps 09:00–12:00.", "week.1.2.end": "Must be after the start time." });
    });

    it("asks for missing times and dates, and refuses a date listed twice", () => {
      const errors = checkStep(
        "availability",
        draft({
          overrides: [
            { key: "a", date: "2026-12-24", isClosed: true, ranges: [] },
            { key: "b", date: "2026-12-24", isClosed: false, ranges: [{ start: "", end: "" }] },
            { key: "c", date: "", isClosed: false, ranges: [] },
          ],
          holidays: [
            { key: "h1", date: "2026-12-25" },
            { key: "h2", date: "2026-12-25" },
            { key: "h3", date: "" },
          ],
        }),
        false,
      );
      expect(errors).toEqual({
        "overrides.b.date": "Another exception already covers this date.",
        "overrides.b.ranges.0.start": "Enter a start time.",
        "overrides.b.ranges.0.end": "Enter an end time.",
        "overrides.c.date": "Pick the date.",
        "overrides.c.ranges": "Add hours, or mark the day closed.",
        "holidays.h2": "This date is listed twice.",
        "holidays.h3": "Pick the date.",
      });
    });
  });

  describe("durations", () => {
    it("needs one to twelve durations with the default among them", () => {
      expect(checkStep("durations", draft({ durations: [] }), false)).toEqual({ durations: "Offer at least one duration." });
      expect(checkStep("durations", draft({ durations: Array.from({ length: 13 }, (_, i) => (i + 1) * 5) }), false)).toEqual({ durations: "Offer at most 12 durations." });
      expect(checkStep("durations", draft({ durations: [15, 60] }), false)).toEqual({ defaultDuration: "Pick one of the durations offered." });
    });

    it("takes whole minutes within the server's limits and says the range", () => {
      expect(checkStep("durations", draft({ bufferBefore: "720", bufferAfter: "0", slotInterval: "5" }), false)).toEqual({});
      expect(checkStep("durations", draft({ bufferBefore: "721", bufferAfter: "1.5", slotInterval: "4" }), false)).toEqual({
        bufferBefore: "Must be from 0 to 720 minutes.",
        bufferAfter: "Enter a whole number from 0 to 720 minutes.",
        slotInterval: "Must be from 5 to 720 minutes.",
      });
      expect(checkStep("durations", draft({ slotInterval: "often" }), false)).toEqual({ slotInterval: "Enter a whole number from 5 to 720 minutes, or leave it empty." });
    });
  });

  describe("limits", () => {
    it("caps the notice at a year in whichever unit it is typed", () => {
      expect(checkStep("limits", draft({ minNotice: "366", minNoticeUnit: "days" }), false)).toEqual({});
      expect(checkStep("limits", draft({ minNotice: "367", minNoticeUnit: "days" }), false)).toEqual({ minNotice: "Must be from 0 to 366 days." });
      expect(checkStep("limits", draft({ minNotice: "8785", minNoticeUnit: "hours" }), false)).toEqual({ minNotice: "Must be from 0 to 8784 hours." });
      expect(checkStep("limits", draft({ minNotice: "" }), false)).toEqual({ minNotice: "Enter a whole number from 0 to 8784 hours." });
    });

    it("takes an optional window of 1 to 366 days and daily and weekly caps", () => {
      expect(checkStep("limits", draft({ maxDaysAhead: "", maxPerDay: "", maxPerWeek: "" }), false)).toEqual({});
      expect(checkStep("limits", draft({ maxDaysAhead: "0", maxPerDay: "1001", maxPerWeek: "5001" }), false)).toEqual({
        maxDaysAhead: "Must be from 1 to 366 days.",
        maxPerDay: "Must be from 1 to 1000.",
        maxPerWeek: "Must be from 1 to 5000.",
      });
    });

    it("refuses a last date before the first", () => {
      expect(checkStep("limits", draft({ rangeStartDate: "2026-12-02", rangeEndDate: "2026-12-01" }), false)).toEqual({ rangeEndDate: "Must not be before the first date." });
      expect(checkStep("limits", draft({ rangeStartDate: "2026-12-01", rangeEndDate: "2026-12-01" }), false)).toEqual({});
    });
  });

  describe("questions", () => {
    const ask = (label: string, type: Draft["questions"][number]["type"], optionsText = "") => ({ key: label || "blank", id: "", label, type, isRequired: false, optionsText });

    it("checks nothing when the link asks no questions", () => {
      expect(checkStep("questions", draft({ questions: [ask("", "short_text")] }), false)).toEqual({});
    });

    it("needs a question's words, and choices that are listed once each", () => {
      const errors = checkStep(
        "questions",
        draft({ templateChoice: "new", questions: [ask("", "short_text"), ask("Size", "single_choice"), ask("Topics", "multiple_choice", "Pricing\nPricing"), ask("Team", "single_choice", "1-10\n11+")] }),
        false,
      );
      expect(errors).toEqual({ "questions.blank.label": "Write the question.", "questions.Size.options": "List at least one option, one per line.", "questions.Topics.options": "An option is listed twice." });
    });
  });
});

describe("serverErrorsOf", () => {
  it("puts a taken address, an unknown zone and a deleted template on their fields", () => {
    expect(serverErrorsOf(new ApiProblem(409, { code: "SLUG_TAKEN", detail: "You already have a link at /ada/intro." }), draft())).toEqual({
      fields: { slug: "You already have a link at /ada/intro." },
      byStep: {},
      firstStep: "basics",
    });
    expect(serverErrorsOf(new ApiProblem(400, { code: "UNKNOWN_TIME_ZONE", detail: "Unknown time zone" }), draft()).firstStep).toBe("availability");
    expect(serverErrorsOf(new ApiProblem(400, { code: "TEMPLATE_NOT_FOUND" }), draft()).fields).toEqual({ templateChoice: "That template was deleted meanwhile; choose another or make a new one." });
  });

  it("sorts field errors onto steps as sentences, keeps rule paths without a field as step messages, and opens the earliest step", () => {
    const withQuestion = draft({ templateChoice: "new", questions: [{ key: "k7", id: "", label: "", type: "short_text", isRequired: false, optionsText: "" }] });
    const problem = new ApiProblem(400, {
      code: "INVALID_RULES",
      errors: [
        { path: "maxDaysAhead", message: "must be from 1 to 366" },
        { path: "weeklyHours.0.end", message: "must be after start" },
        { path: "body.questions.0.label", message: "is required" },
        { path: "durationsMin.0", message: "must be a whole number" },
      ],
    });
    expect(serverErrorsOf(problem, withQuestion)).toEqual({
      fields: { maxDaysAhead: "Must be from 1 to 366.", "questions.k7.label": "Is required.", durations: "Must be a whole number." },
      byStep: { availability: ["weeklyHours.0.end: must be after start"] },
      firstStep: "availability",
    });
  });

  it("shows anything else on the review step", () => {
    expect(serverErrorsOf(new Error("Convene could not be reached."), draft())).toEqual({ fields: {}, byStep: { review: ["Convene could not be reached."] }, firstStep: "review" });
  });
});

describe("areDatesOver", () => {
  it("is over once the last date is before today, not on it", () => {
    expect(areDatesOver("2026-03-31", "2026-04-01")).toBe(true);
    expect(areDatesOver("2026-03-31", "2026-03-31")).toBe(false);
    expect(areDatesOver("", "2026-04-01")).toBe(false);
    expect(areDatesOver(null, "2026-04-01")).toBe(false);
  });
});

describe("noOpenTimesCauses", () => {
  // 2026-11-18 is a Wednesday; the new draft has 09:00–17:00 on weekdays and a 60-day window.
  const TODAY = "2026-11-18";
  const causes = (changes: Partial<Draft>) => noOpenTimesCauses(draft(changes), TODAY, 14);

  it("names dates that are over first, whatever else is wrong", () => {
    expect(causes({ rangeStartDate: "2026-03-01", rangeEndDate: "2026-03-31", week: [[], [], [], [], [], [], []] })).toEqual([
      { step: "limits", message: "The link's dates are over: its last date, 2026-03-31, has passed. Move the dates or clear them." },
    ]);
  });

  it("names dates beyond the booking window, and a notice as long as the window", () => {
    expect(causes({ rangeStartDate: "2027-03-01", maxDaysAhead: "30" })[0]).toMatchObject({ step: "limits", message: expect.stringContaining("beyond the booking window of 30 days") });
    expect(causes({ minNotice: "7", minNoticeUnit: "days", maxDaysAhead: "7" })[0]).toMatchObject({ step: "limits", message: expect.stringContaining("as long as the booking window") });
  });

  it("says the dates start after the days shown, which is not a fault", () => {
    expect(causes({ rangeStartDate: "2026-12-10" })).toEqual([{ step: null, message: "The dates start on 2026-12-10, after the 14 days shown here: times appear here as the date comes closer." }]);
  });

  it("names a range whose days have no hours", () => {
    // Only Saturday 21 and Sunday 22 November; the link is open on weekdays.
    expect(causes({ rangeStartDate: "2026-11-21", rangeEndDate: "2026-11-22" })).toEqual([
      {
        step: "availability",
        message: "No hours on those days: The link has hours on Mondays, Tuesdays, Wednesdays, Thursdays, Fridays, and none of those falls from 2026-11-21 to 2026-11-22. Open more weekdays or add a date with hours.",
      },
    ]);
  });

  it("counts a dated exception with hours as hours", () => {
    const saturday = { key: "k1", date: "2026-11-21", isClosed: false, ranges: [{ start: "10:00", end: "12:00" }] };
    expect(causes({ rangeStartDate: "2026-11-21", rangeEndDate: "2026-11-22", overrides: [saturday] })[0]!.step).toBeNull();
  });

  it("names days that are all holidays or closed", () => {
    const holidays = ["2026-11-19", "2026-11-20"].map((date, index) => ({ key: `h${index}`, date }));
    const closed = { key: "c", date: "2026-11-23", isClosed: true, ranges: [] };
    expect(causes({ rangeStartDate: "2026-11-19", rangeEndDate: "2026-11-23", holidays, overrides: [closed] })).toEqual([
      { step: "availability", message: "Every day with hours from 2026-11-19 to 2026-11-23 is a holiday or closed by a date exception." },
    ]);
  });

  it("names hours too short for any duration", () => {
    const week = [[], [{ start: "09:00", end: "09:30" }], [], [], [], [], []];
    expect(causes({ week, durations: [60], defaultDuration: 60 })[0]).toMatchObject({ step: "durations", message: expect.stringContaining("long enough for a 60-minute meeting") });
  });

  it("blames bookings and calendars only when the draft leaves times open", () => {
    expect(causes({})).toEqual([{ step: null, message: expect.stringContaining("connected calendars") }]);
  });
});
