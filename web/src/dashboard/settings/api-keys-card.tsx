// API keys for programs: create one with a name (the key is shown once, with
// a copy button), see when each was last used, revoke the ones not needed.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api, unwrap, type paths } from "../../api/client";
import { CopyButton } from "../../components/copy-button";
import { ConfirmDialog } from "../../components/dialog";
import { ErrorText } from "../../components/notice";
import { formatDateTime } from "../../lib/time";
import { useOwner } from "../session";

type ApiKey = paths["/api/v1/api-keys"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
const API_KEYS_KEY = ["api-keys"] as const;

export function ApiKeysCard() {
  const { user } = useOwner();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: API_KEYS_KEY, queryFn: async () => (await unwrap(api.GET("/api/v1/api-keys"))).items });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [createError, setCreateError] = useState<unknown>(null);
  const [isCreating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [message, setMessage] = useState("");
  const nameId = useId();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setCreating(true);
    setCreateError(null);
    setMessage("");
    try {
      const key = await unwrap(api.POST("/api/v1/api-keys", { body: { name: name.trim() } }));
      setCreated({ name: key.name, key: key.key });
      setName("");
      await queryClient.invalidateQueries({ queryKey: API_KEYS_KEY });
    } catch (cause) {
      setCreateError(cause);
    } finally {
      setCreating(false);
    }
  };

  const sorted = [...(keys.data ?? [])].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt));

  return (
    <section className="card stack" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">API keys</h2>
      <p className="muted small">
        Programs use a key as <code>Authorization: Bearer cv_…</code> to act as you through the <a href="/docs">REST API</a>. A key is shown only once, when it is
        created.
      </p>

      {created ? (
        <NewKey created={created} onDone={() => setCreated(null)} />
      ) : (
        <form className="api-key-form" onSubmit={create}>
          <div className="field">
            <label htmlFor={nameId}>Name of the new key</label>
            <input id={nameId} value={name} maxLength={100} placeholder="e.g. CRM sync" onChange={(event) => setName(event.target.value)} />
          </div>
          <button type="submit" className="button primary" disabled={!name.trim() || isCreating}>
            {isCreating ? "Creating…" : "Create key"}
          </button>
        </form>
      )}
      <ErrorText error={createError} />

      {keys.isPending ? (
        <p className="muted">Loading keys…</p>
      ) : keys.error ? (
        <ErrorText error={keys.error} />
      ) : sorted.length === 0 ? (
        <p className="muted">No keys yet.</p>
      ) : (
        <ul className="key-list" aria-label="Your API keys">
          {sorted.map((key) => (
            <li key={key.id} className={key.revokedAt ? "is-revoked" : undefined}>
              <div className="key-main">
                <span className="key-name">{key.name}</span>
                <code className="key-prefix">{key.prefix}…</code>
              </div>
              <div className="key-meta muted small">
                Created {formatDateTime(key.createdAt, user.timeZone)} · {key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt, user.timeZone)}` : "never used"}
              </div>
              <div className="key-action">
                {key.revokedAt ? (
                  <span className="badge">Revoked {formatDateTime(key.revokedAt, user.timeZone)}</span>
                ) : (
                  <button type="button" className="button small danger" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <p className="success-text live" role="status">
        {message}
      </p>

      <ConfirmDialog
        isOpen={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        confirmLabel="Revoke key"
        onConfirm={async () => {
          if (!revoking) return;
          await unwrap(api.DELETE("/api/v1/api-keys/{id}", { params: { path: { id: revoking.id } } }));
          setMessage(`Revoked “${revoking.name}”.`);
          await queryClient.invalidateQueries({ queryKey: API_KEYS_KEY });
        }}
      >
        <p>Programs that use it ({revoking?.prefix}…) are refused from now on. This cannot be undone; you can create a new key instead.</p>
      </ConfirmDialog>
    </section>
  );
}

function NewKey({ created, onDone }: { created: { name: string; key: string }; onDone: () => void }) {
  const keyId = useId();
  return (
    <div className="new-key stack" role="region" aria-labelledby={`${keyId}-title`}>
      <p id={`${keyId}-title`} className="new-key-title">
        Your new key “{created.name}”. Copy it now: it will not be shown again.
      </p>
      <div className="new-key-row">
        <label htmlFor={keyId} className="visually-hidden">
          API key
        </label>
        <input id={keyId} className="key-value" readOnly value={created.key} onFocus={(event) => event.target.select()} />
        <CopyButton text={created.key} label="Copy" context="the API key" className="button" />
      </div>
      <div>
        <button type="button" className="button" onClick={onDone}>
          Done, I stored it
        </button>
      </div>
    </div>
  );
}
