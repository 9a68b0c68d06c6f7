import { describe, expect, it } from "vitest";
import { isRoleMailbox } from "./member-address.js";

describe("isRoleMailbox", () => {
  it("knows role mailboxes in any case and with +tags", () => {
    for (const email of ["postmaster@example.com", "Abuse@Example.com", "no-reply+x@example.org", "MAILER-DAEMON@host"]) expect(isRoleMailbox(email), email).toBe(true);
  });
  it("lets people through, even with a role word inside", () => {
    for (const email of ["ada@example.com", "postmaster.jones@example.com", "noreplyfan@example.com", "sales@example.com"]) expect(isRoleMailbox(email), email).toBe(false);
  });
});
