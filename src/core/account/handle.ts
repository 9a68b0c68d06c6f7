// The rules for an owner's handle, the first segment of every booking URL
// (/{handle}/{slug}). Sign-up derives one from the name; owners may change it.
import { ConveneError } from "../errors.js";

/** Lower-case letters, digits and single inner dashes, 2 to 40 characters (what sign-up's slugify yields). */
export const HANDLE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;
export const HANDLE_RULE = "lower-case letters, digits and dashes, 2 to 40 characters";

/**
 * First path segments the web app or the server already use: a handle equal to
 * one would make its booking URLs unreachable. Kept generous for future pages.
 */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  "api", "assets", "docs", "dashboard", "signin", "signup", "signout", "login", "logout", "manage", "t",
  "healthz", "readyz", "metrics", "admin", "attendance", "settings", "static", "public", "app", "www", "help", "support",
]);

/** Throws VALIDATION_FAILED (at `path`) unless the handle has the right form and is not reserved. */
export function assertHandle(handle: string, path = "body.handle"): void {
  const problem = !HANDLE_PATTERN.test(handle)
    ? `${HANDLE_RULE}, starting and ending with a letter or digit`
    : RESERVED_HANDLES.has(handle)
      ? `"${handle}" is reserved by Convene; pick another handle`
      : null;
  if (problem) throw new ConveneError("VALIDATION_FAILED", `${path}: ${problem}`, { details: { errors: [{ path, message: problem }] } });
}
