import { describe, expect, it } from "vitest";
import { terminalSafe } from "./terminal-text.js";

describe("terminalSafe", () => {
  it("neutralises escape sequences, line breaks and bidi overrides from typed names", () => {
    const hostile = "Ada\u001b[2J\u001b]0;pwned\u0007\r\nLovelace\u009b31m\u202eevil";
    const safe = terminalSafe(hostile);
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(safe).toBe("Ada\ufffd[2J\ufffd]0;pwned\ufffd\ufffd\ufffdLovelace\ufffd31m\ufffdevil");
  });
  it("leaves ordinary text, accents and emoji alone", () => {
    expect(terminalSafe("Zoë Ångström 🙂 <zoe@example.com>")).toBe("Zoë Ångström 🙂 <zoe@example.com>");
  });
});
