// Where you are signed in: each session with its browser, address and start,
// "This device" for the current one, and a way to sign out the others.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap, type paths } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { formatDateTime } from "../../lib/time";
import { useOwner } from "../session";

type Session = paths["/api/v1/me/sessions"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
const SESSIONS_KEY = ["me", "sessions"] as const;

/** A readable name for a browser from its user agent: enough to tell one's phone from one's laptop. */
function browserName(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : null;
  const system = /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Mac OS X/.test(userAgent) ? "macOS" : /Windows/.test(userAgent) ? "Windows" : /Linux/.test(userAgent) ? "Linux" : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

export function SessionsList() {
  const { user } = useOwner();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: async () => (await unwrap(api.GET("/api/v1/me/sessions"))).items });
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const others = (sessions.data ?? []).filter((session) => !session.current);

  const act = async (id: string, action: () => Promise<string>) => {
    setBusyId(id);
    setError(null);
    setMessage("");
    try {
      setMessage(await action());
      await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    } catch (cause) {
      setError(cause);
    } finally {
      setBusyId(null);
    }
  };
  const signOut = (session: Session) =>
    act(session.id, async () => {
      await unwrap(api.DELETE("/api/v1/me/sessions/{id}", { params: { path: { id: session.id } } }));
      return `Signed out ${browserName(session.userAgent)}.`;
    });
  const signOutOthers = () =>
    act("others", async () => {
      const { sessionsEnded } = await unwrap(api.POST("/api/v1/me/sessions/sign-out-others"));
      return `Signed out ${sessionsEnded} other session${sessionsEnded === 1 ? "" : "s"}.`;
    });

  return (
    <div className="stack" role="group" aria-labelledby="sessions-heading">
      <h3 id="sessions-heading">Where you are signed in</h3>
      {sessions.isPending ? (
        <p className="muted">Loading sessions…</p>
      ) : sessions.error ? (
        <ErrorText error={sessions.error} />
      ) : (
        <ul className="key-list" aria-label="Your sessions">
          {sessions.data.map((session) => (
            <li key={session.id}>
              <div className="key-main">
                <span className="key-name">{browserName(session.userAgent)}</span>
                {session.current ? <span className="badge">This device</span> : null}
              </div>
              <div className="key-meta muted small">
                Signed in {formatDateTime(session.createdAt, user.timeZone)}
                {session.ip ? ` from ${session.ip}` : ""}
              </div>
              <div className="key-action">
                {session.current ? null : (
                  <button type="button" className="button small" disabled={busyId !== null} onClick={() => void signOut(session)} aria-label={`Sign out ${browserName(session.userAgent)}, signed in ${formatDateTime(session.createdAt, user.timeZone)}`}>
                    Sign out
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={error} />
      <div className="row">
        <button type="button" className="button" disabled={busyId !== null || others.length === 0} onClick={() => void signOutOthers()}>
          Sign out other sessions
        </button>
        <span className="success-text" role="status">
          {message}
        </span>
      </div>
    </div>
  );
}
