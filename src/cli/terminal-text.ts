// Text from the database printed to a terminal: names and subjects are typed
// by invitees, and an ESC sequence in one would recolour, retitle or clear the
// operator's terminal (or hide lines). Control characters (C0, DEL, C1) and
// bidirectional overrides are shown as U+FFFD instead.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNPRINTABLE, "\ufffd");
}
