// The Team page's reads and the sentences its refusals become. Every change
// refreshes both lists: accepting, removing and re-inviting move people between them.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, isProblem, unwrap, type paths } from "../../api/client";

export type Member = paths["/api/v1/members"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type Invitation = paths["/api/v1/invitations"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type Role = Member["role"];
export type InvitableRole = paths["/api/v1/invitations"]["post"]["requestBody"]["content"]["application/json"]["role"];
export type RemovalResult = paths["/api/v1/members/{id}"]["delete"]["responses"][200]["content"]["application/json"];

const MEMBERS_KEY = ["team", "members"] as const;
const INVITATIONS_KEY = ["team", "invitations"] as const;

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };
export const ROLE_HINTS: Record<Role, string> = {
  owner: "Everything, including people, export and deletion",
  admin: "Sees and changes every link and booking",
  member: "Their own links and the meetings they host",
};

export function useMembers() {
  return useQuery({ queryKey: MEMBERS_KEY, queryFn: async () => (await unwrap(api.GET("/api/v1/members"))).items });
}

/** Only owners may read invitations; the query is off for everyone else. */
export function useInvitations(isEnabled: boolean) {
  return useQuery({ queryKey: INVITATIONS_KEY, enabled: isEnabled, queryFn: async () => (await unwrap(api.GET("/api/v1/invitations"))).items });
}

export function useRefreshTeam() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["team"] });
}

/** The API's refusals as sentences an owner can act on; anything else keeps the server's own detail. */
export function teamProblemText(error: unknown): string | null {
  if (!error) return null;
  if (isProblem(error, "LAST_OWNER")) return "An organisation needs at least one owner. Make someone else an owner first.";
  if (isProblem(error, "CANNOT_REMOVE_SELF")) return "You cannot remove yourself. Another owner can remove you.";
  if (isProblem(error, "EMAIL_TAKEN")) return "Someone with this address already has a Convene account, so they cannot be invited.";
  if (isProblem(error, "EMAIL_NOT_ADDABLE")) return "This address cannot be invited: it may be a shared mailbox (such as info@) or belong to another organisation's account. Ask the person for another address.";
  if (isProblem(error, "MAIL_UNAVAILABLE")) return "The invitation is saved, but the mail server did not take the message. Resend it in a moment.";
  if (isProblem(error, "NOT_FOUND")) return "This person or invitation is no longer there; the list has been refreshed.";
  if (isProblem(error, "FORBIDDEN")) return "Only owners can change the team.";
  return error instanceof Error ? error.message : String(error);
}
