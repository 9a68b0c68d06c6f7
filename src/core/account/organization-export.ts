// The organisation export's contract: its format name (bumped when a field
// changes meaning or goes away; new fields may be added within a version) and
// the sections it carries, in the order they are written.

export const EXPORT_FORMAT = "convene-export/1";

export const EXPORT_SECTIONS = ["users", "templates", "links", "oneTimeLinks", "bookings", "calendarConnections", "calendars", "campaigns", "leads", "leadEvents", "leadTransitions", "auditLog"] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

/** Rows per database read while exporting: the export never holds more than one page of a section in memory. */
export const EXPORT_PAGE_ROWS = 200;
