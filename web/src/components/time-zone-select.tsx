// Picks an IANA time zone: a filter box narrows a native select of every zone
// the browser knows (with its current offset). Native controls keep it usable
// with a keyboard, a screen reader and a phone's picker. With `label` it is a
// whole field; given an `id` (inside a form-field's Field) it is only the
// controls, and the Field's label names the select.
import { useDeferredValue, useId, useMemo, useState } from "react";
import { filterZones, zoneEntries, zoneLabel } from "../lib/time";
import "./time-zone-select.css";

type Props = {
  value: string;
  onChange: (timeZone: string) => void;
  /** A field of its own, with this label (and hint). */
  label?: string;
  hint?: string;
  id?: string;
  "aria-invalid"?: true | undefined;
  "aria-describedby"?: string | undefined;
};

export function TimeZoneSelect({ value, onChange, label, hint, id, "aria-invalid": isInvalid, "aria-describedby": describedBy }: Props) {
  const ownId = useId();
  const selectId = id ?? `${ownId}-select`;
  const hintId = `${ownId}-hint`;
  const [filter, setFilter] = useState("");
  const deferredFilter = useDeferredValue(filter);
  const entries = useMemo(() => zoneEntries(value), [value]);
  const matches = useMemo(() => filterZones(entries, deferredFilter).map((entry) => entry.zone), [entries, deferredFilter]);
  // The current zone stays listed, so the select never shows a value it does not have.
  const shown = matches.includes(value) ? matches : [value, ...matches];
  const ownLabel = label ?? "Time zone";

  const controls = (
    <div className="tz-select">
      <input
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={(event) => {
          // Enter picks the first match, so "berl⏎" is enough.
          if (event.key === "Enter") {
            event.preventDefault();
            if (matches[0]) onChange(matches[0]);
          }
        }}
        placeholder="Filter: city, region or GMT+1"
        aria-label={`Filter the ${ownLabel.toLowerCase()} list`}
        aria-controls={selectId}
        autoComplete="off"
      />
      <select
        id={selectId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={isInvalid}
        aria-describedby={[label && hint ? hintId : null, describedBy].filter(Boolean).join(" ") || undefined}
      >
        {shown.map((zone) => (
          <option key={zone} value={zone}>
            {zoneLabel(zone)}
          </option>
        ))}
      </select>
      <span className="visually-hidden" role="status">
        {deferredFilter ? `${matches.length} zones match` : ""}
      </span>
    </div>
  );

  if (!label && id) return controls;
  return (
    <div className="field">
      <label htmlFor={selectId}>{ownLabel}</label>
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {controls}
    </div>
  );
}
