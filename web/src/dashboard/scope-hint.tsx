// A line under a page's title when the user's role narrows it to their own
// things ("own" in GET /me's permissions), so a member knows why colleagues'
// bookings or links are not there.
import { scopeOf, useOwner, type Permission } from "./session";

export function ScopeHint({ permission, children }: { permission: Permission; children: string }) {
  const me = useOwner();
  if (scopeOf(me, permission) !== "own") return null;
  return (
    <p className="muted small scope-hint" role="note">
      {children}
    </p>
  );
}
