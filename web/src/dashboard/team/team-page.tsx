// Team: the organisation's people and their roles. Owners change roles, invite
// people by email (they choose their own password), resend or withdraw
// invitations and remove members; admins and members see the list read-only.
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { useOwner } from "../session";
import { InvitationsCard, InviteCard } from "./invite-card";
import { RemoveMemberDialog } from "./remove-member-dialog";
import { ROLE_HINTS, ROLE_LABELS, teamProblemText, useMembers, useRefreshTeam, type Member, type Role } from "./team-api";
import "./team.css";

export default function TeamPage() {
  const me = useOwner();
  const isOwner = me.user.role === "owner";
  return (
    <div className="stack team">
      <div>
        <h1>Team</h1>
        <p className="muted">
          {isOwner
            ? `Everyone in ${me.organization.name}. Invite people to host meetings with you; they choose their own password.`
            : `Everyone in ${me.organization.name}. Only owners change the team; you are ${me.user.role === "admin" ? "an admin" : "a member"}.`}
        </p>
      </div>
      <MembersCard isOwner={isOwner} selfId={me.user.id} />
      {isOwner ? (
        <>
          <InviteCard />
          <InvitationsCard />
        </>
      ) : null}
    </div>
  );
}

function MembersCard({ isOwner, selfId }: { isOwner: boolean; selfId: string }) {
  const members = useMembers();
  const refresh = useRefreshTeam();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState<{ memberId: string; text: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const changeRole = async (member: Member, role: Role) => {
    setBusyId(member.id);
    setProblem(null);
    setMessage("");
    try {
      const updated = await unwrap(api.PATCH("/api/v1/members/{id}", { params: { path: { id: member.id } }, body: { role } }));
      setMessage(`${updated.name} is now ${updated.role === "admin" ? "an admin" : `a ${updated.role}`}.`);
    } catch (cause) {
      setProblem({ memberId: member.id, text: teamProblemText(cause) ?? "" });
    } finally {
      setBusyId(null);
      await refresh();
    }
  };

  const sorted = [...(members.data ?? [])].sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.name.localeCompare(b.name));

  return (
    <section className="card stack" aria-labelledby="members-heading">
      <h2 id="members-heading">Members{members.data ? ` (${members.data.length})` : ""}</h2>
      {members.isPending ? (
        <p className="muted">Loading members…</p>
      ) : members.error ? (
        <ErrorText error={members.error} />
      ) : (
        <ul className="member-list" aria-label="Members">
          {sorted.map((member) => {
            const isSelf = member.id === selfId;
            const roleSelectId = `role-${member.id}`;
            return (
              <li key={member.id} className="member-row">
                <div className="member-who">
                  <span className="member-name">
                    {member.name}
                    {isSelf ? <span className="muted"> (you)</span> : null}
                  </span>
                  <span className="muted small member-email">{member.email}</span>
                </div>
                <div className="member-role">
                  {isOwner ? (
                    <>
                      <label htmlFor={roleSelectId} className="visually-hidden">
                        Role of {member.name}
                      </label>
                      <select
                        id={roleSelectId}
                        value={member.role}
                        disabled={busyId === member.id}
                        title={ROLE_HINTS[member.role]}
                        onChange={(event) => void changeRole(member, event.target.value as Role)}
                      >
                        {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABELS[role]}
                          </option>
                        ))}
                      </select>
                    </>
                  ) : (
                    <span className={`badge${member.role === "owner" ? " accent" : ""}`} title={ROLE_HINTS[member.role]}>
                      {ROLE_LABELS[member.role]}
                    </span>
                  )}
                </div>
                {isOwner ? (
                  <div className="member-action">
                    {isSelf ? null : (
                      <button type="button" className="button small danger" onClick={() => setRemoving(member)} aria-label={`Remove ${member.name}`}>
                        Remove
                      </button>
                    )}
                  </div>
                ) : null}
                {problem?.memberId === member.id ? (
                  <p className="error-text member-problem" role="alert">
                    {problem.text}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <p className="muted small">
        {(Object.keys(ROLE_LABELS) as Role[]).map((role) => `${ROLE_LABELS[role]}: ${ROLE_HINTS[role].toLowerCase()}.`).join(" ")}
      </p>
      <p className="success-text live" role="status">
        {message}
      </p>
      <RemoveMemberDialog
        member={removing}
        onClose={() => setRemoving(null)}
        onRemoved={() => {
          setProblem(null);
          setMessage("");
          return refresh();
        }}
      />
    </section>
  );
}

function roleRank(role: Role): number {
  return role === "owner" ? 0 : role === "admin" ? 1 : 2;
}
