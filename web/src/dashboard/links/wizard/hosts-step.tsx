// Step 2: who hosts the link — one person, every host together, or one free
// host per meeting (round robin, with weight and priority per host) — and
// whether hosts are available in the link's hours or their own.
import { fieldId } from "../../../components/form-field";
import { ErrorText } from "../../../components/notice";
import { useMemberLookup } from "../../bookings/booking-model";
import { useOwner } from "../../session";
import type { StepProps } from "./step-props";
import { MAX_HOST_PRIORITY, MAX_HOST_WEIGHT, MODE_SENTENCES, type HostHours, type HostMode, type TeamDraft } from "./team-draft";

const MODES: HostMode[] = ["single", "collective", "round_robin"];

export function HostsStep({ draft, update, errors }: StepProps) {
  const { user } = useOwner();
  const members = useMemberLookup();
  const team = draft.team;
  const hostIds = team.hostUserIds.length > 0 ? team.hostUserIds : [user.id];
  const setTeam = (change: Partial<TeamDraft>) => update((d) => ({ ...d, team: { ...d.team, hostUserIds: hostIds, ...change } }));
  const toggleHost = (userId: string, isHost: boolean) =>
    setTeam({ hostUserIds: team.hostMode === "single" ? [userId] : isHost ? [...hostIds, userId] : hostIds.filter((id) => id !== userId) });
  const setSetting = (userId: string, key: "weight" | "priority", value: string) => {
    const current = team.settings[userId] ?? { weight: "1", priority: "0" };
    setTeam({ settings: { ...team.settings, [userId]: { ...current, [key]: value } } });
  };
  const people = members.data ?? [];
  const nameOf = (userId: string) => people.find((member) => member.id === userId)?.name ?? (userId === user.id ? user.name : "…");

  return (
    <div className="stack">
      <fieldset className="fieldset">
        <legend>How the meeting is hosted</legend>
        {MODES.map((mode) => (
          <label key={mode} className="choice host-mode">
            <input
              type="radio"
              name="hostMode"
              checked={team.hostMode === mode}
              onChange={() => setTeam({ hostMode: mode, hostUserIds: mode === "single" ? hostIds.slice(0, 1) : hostIds })}
            />
            <span>
              <strong>{MODE_SENTENCES[mode].label}</strong>
              <span className="muted small host-mode-sentence">{MODE_SENTENCES[mode].sentence}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset className="fieldset" id={fieldId("hostUserIds")} tabIndex={-1} aria-describedby={errors["hostUserIds"] ? `${fieldId("hostUserIds")}-error` : undefined}>
        <legend>{team.hostMode === "single" ? "Host" : "Hosts"}</legend>
        {errors["hostUserIds"] ? (
          <p className="error-text" id={`${fieldId("hostUserIds")}-error`}>
            {errors["hostUserIds"]}
          </p>
        ) : null}
        <ErrorText error={members.error} />
        <div className="choice-grid">
          {(people.length > 0 ? people : [{ id: user.id, name: user.name, email: user.email }]).map((member) => (
            <label key={member.id} className="choice">
              <input
                type={team.hostMode === "single" ? "radio" : "checkbox"}
                name="hosts"
                checked={hostIds.includes(member.id)}
                onChange={(event) => toggleHost(member.id, event.target.checked)}
              />
              <span>
                {member.name}
                {member.id === user.id ? <span className="muted small"> (you)</span> : null}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {team.hostMode === "round_robin" ? (
        <fieldset className="fieldset">
          <legend>Who gets the next meeting</legend>
          <p className="hint muted small">
            A free host with a higher priority (0 to {MAX_HOST_PRIORITY}) is booked first. Among the same priority, bookings are shared by weight (1 to {MAX_HOST_WEIGHT}): weight 2 gets twice the meetings of weight 1 in a week.
          </p>
          <div className="host-settings">
            {hostIds.map((userId) => {
              const setting = team.settings[userId] ?? { weight: "1", priority: "0" };
              const weightKey = `hostSettings.${userId}.weight`;
              const priorityKey = `hostSettings.${userId}.priority`;
              return (
                <div key={userId} className="host-setting">
                  <span className="host-setting-name">{nameOf(userId)}</span>
                  <label className="field-inline">
                    <span>Weight</span>
                    <input
                      id={fieldId(weightKey)}
                      className="input-short"
                      inputMode="numeric"
                      aria-label={`Weight of ${nameOf(userId)}`}
                      aria-invalid={errors[weightKey] ? true : undefined}
                      value={setting.weight}
                      onChange={(event) => setSetting(userId, "weight", event.target.value)}
                    />
                  </label>
                  <label className="field-inline">
                    <span>Priority</span>
                    <input
                      id={fieldId(priorityKey)}
                      className="input-short"
                      inputMode="numeric"
                      aria-label={`Priority of ${nameOf(userId)}`}
                      aria-invalid={errors[priorityKey] ? true : undefined}
                      value={setting.priority}
                      onChange={(event) => setSetting(userId, "priority", event.target.value)}
                    />
                  </label>
                  {errors[weightKey] || errors[priorityKey] ? <p className="error-text host-setting-error">{errors[weightKey] ?? errors[priorityKey]}</p> : null}
                </div>
              );
            })}
          </div>
        </fieldset>
      ) : null}

      <fieldset className="fieldset">
        <legend>Whose working hours</legend>
        {(
          [
            ["link", "The link's hours", "Every host is available in the weekly hours you set in the next step."],
            ["host", "Each host's own hours", "Each host in the working hours of their own Settings, in their time zone; hosts who have none use the link's."],
          ] as [HostHours, string, string][]
        ).map(([value, label, sentence]) => (
          <label key={value} className="choice host-mode">
            <input type="radio" name="hostHours" checked={team.hostHours === value} onChange={() => setTeam({ hostHours: value })} />
            <span>
              <strong>{label}</strong>
              <span className="muted small host-mode-sentence">{sentence}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
