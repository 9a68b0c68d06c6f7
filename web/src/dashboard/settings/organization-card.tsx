// The organisation as a whole, for owners: download its data as JSON, or
// delete it (asked for by its name and the owner's password; meetings ahead
// are cancelled with notices first, then everything is gone and every session ends).
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, setCsrfToken, unwrap } from "../../api/client";
import { ConfirmDialog } from "../../components/dialog";
import { useOwner } from "../session";

export function OrganizationCard() {
  const { user, organization } = useOwner();
  const queryClient = useQueryClient();
  const [isDeleting, setDeleting] = useState(false);
  const [confirm, setConfirm] = useState("");
  const [password, setPassword] = useState("");
  const confirmId = useId();
  const passwordId = useId();
  if (user.role !== "owner") return null;

  const close = () => {
    setDeleting(false);
    setConfirm("");
    setPassword("");
  };

  const deleteOrganization = async () => {
    await unwrap(api.DELETE("/api/v1/organization", { body: { confirm, currentPassword: password } }));
    setCsrfToken(null);
    queryClient.clear();
    window.location.assign("/signin");
  };

  return (
    <section className="card stack" aria-labelledby="organization-heading">
      <h2 id="organization-heading">Organisation</h2>
      <p className="muted small">
        Everything <strong>{organization.name}</strong> holds: links, templates, one-time links, bookings with answers and history, calendar connections (without
        passwords) and the audit log.
      </p>
      <div className="organization-actions">
        <a className="button" href="/api/v1/organization/export" download>
          Export data (JSON)
        </a>
        <button type="button" className="button danger" onClick={() => setDeleting(true)}>
          Delete organisation…
        </button>
      </div>
      <ConfirmDialog
        isOpen={isDeleting}
        onClose={close}
        title="Delete this organisation?"
        confirmLabel="Delete everything"
        onConfirm={deleteOrganization}
      >
        <p>
          Meetings still ahead are cancelled and their invitees told. Then every link, booking, member and connection of <strong>{organization.name}</strong> is deleted for
          good, and everyone is signed out. Export the data first if you need it.
        </p>
        <div className="field">
          <label htmlFor={confirmId}>Type the organisation's name to confirm</label>
          <input id={confirmId} value={confirm} autoComplete="off" placeholder={organization.name} onChange={(event) => setConfirm(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>Your password</label>
          <input id={passwordId} type="password" value={password} autoComplete="current-password" onChange={(event) => setPassword(event.target.value)} />
        </div>
      </ConfirmDialog>
    </section>
  );
}
