// Removing a member: the owner chooses what happens to their future bookings
// (handed to another free host of the link, or cancelled with notices), sees
// what that means before confirming, and then what actually happened.
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { teamProblemText, type Member, type RemovalResult } from "./team-api";

type Choice = "reassign" | "cancel";

const CHOICES: { value: Choice; label: string; explain: (name: string) => string }[] = [
  {
    value: "reassign",
    label: "Reassign their future bookings to other hosts (round-robin)",
    explain: (name) =>
      `Each of ${name}'s future meetings goes to another host of its link who is free at that time, and the invitee is told. A meeting nobody else can take is cancelled with a notice to the invitee.`,
  },
  {
    value: "cancel",
    label: "Cancel them, with notices to invitees",
    explain: (name) => `Every future meeting ${name} hosts is cancelled, and each invitee gets a cancellation notice.`,
  },
];

export function RemoveMemberDialog({ member, onClose, onRemoved }: { member: Member | null; onClose: () => void; onRemoved: () => Promise<unknown> }) {
  const [choice, setChoice] = useState<Choice>("reassign");
  const [isPending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ name: string; answer: RemovalResult } | null>(null);

  const close = () => {
    setChoice("reassign");
    setProblem(null);
    setResult(null);
    onClose();
  };

  const remove = async () => {
    if (!member) return;
    setPending(true);
    setProblem(null);
    try {
      const answer = await unwrap(api.DELETE("/api/v1/members/{id}", { params: { path: { id: member.id } }, body: { futureBookings: choice } }));
      setResult({ name: member.name, answer });
      await onRemoved();
    } catch (cause) {
      setProblem(teamProblemText(cause));
    } finally {
      setPending(false);
    }
  };

  const name = member?.name ?? "";
  return (
    <Dialog isOpen={member !== null} onClose={close} title={result ? `${result.name} was removed` : `Remove ${name}?`}>
      {result ? (
        <>
          <RemovalSummary answer={result.answer} />
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={close}>
              Done
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            {name} ({member?.email}) can no longer sign in. Their own links are deleted and they leave the hosts of team links; meetings they hosted in the past
            pass to you. This cannot be undone.
          </p>
          <fieldset className="removal-choices">
            <legend>Their future bookings</legend>
            {CHOICES.map((option) => (
              <label key={option.value} className="removal-choice">
                <input type="radio" name="future-bookings" value={option.value} checked={choice === option.value} onChange={() => setChoice(option.value)} />
                <span>
                  <span className="removal-label">{option.label}</span>
                  {choice === option.value ? <span className="muted small removal-explain">{option.explain(name)}</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
          {problem ? (
            <p className="error-text" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close} disabled={isPending}>
              Keep {name}
            </button>
            <button type="button" className="button danger" onClick={() => void remove()} disabled={isPending}>
              {isPending ? "Removing…" : `Remove ${name}`}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the removal did to future meetings, in numbers the owner can check on the Bookings page. */
function RemovalSummary({ answer }: { answer: RemovalResult }) {
  const reassigned = answer.reassigned.length;
  const cancelled = answer.cancelled.length;
  return (
    <div className="stack removal-summary" role="status">
      {reassigned === 0 && cancelled === 0 ? (
        <p>They had no future bookings, so no meeting changed.</p>
      ) : (
        <ul>
          {reassigned > 0 ? <li>{count(reassigned, "future booking was reassigned to another host", "future bookings were reassigned to other hosts")}; the invitees were told.</li> : null}
          {cancelled > 0 ? <li>{count(cancelled, "future booking was cancelled", "future bookings were cancelled")}, with a notice to each invitee.</li> : null}
        </ul>
      )}
      <p className="muted small">The Bookings page shows each meeting with its new host or as cancelled.</p>
    </div>
  );
}
