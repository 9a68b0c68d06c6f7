// Google and Microsoft on the Calendars page: the Connect buttons (plain
// links: the server sends the browser to the provider's consent page and back
// here), only for the providers this server is configured for, and the banner
// that says how the consent ended (?connected=<id> or ?error=<CODE>).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "wouter";
import { api, unwrap } from "../../api/client";
import { OAUTH_CONNECT, oauthConnectHref, oauthProblem, type Connection, type OAuthProvider } from "./calendar-model";

export function useOAuthProviders() {
  return useQuery({
    queryKey: ["calendar-providers"],
    queryFn: async () => (await unwrap(api.GET("/api/v1/calendars/providers"))).oauth as OAuthProvider[],
    staleTime: Infinity,
  });
}

/** One button per configured provider; nothing at all when none is. */
export function OAuthConnectButtons() {
  const providers = useOAuthProviders();
  const configured = providers.data ?? [];
  if (configured.length === 0) return null;
  return (
    <div className="card connect-form oauth-connect">
      <h3>Google or Microsoft</h3>
      <p className="muted small">Sign in with your account and allow access: no app password needed. Convene reads when you are busy and adds new bookings to the calendar you choose.</p>
      <div className="oauth-buttons">
        {configured.map((provider) => (
          <a key={provider} className={`button oauth-button oauth-${provider}`} href={oauthConnectHref(provider)}>
            {OAUTH_CONNECT[provider].label}
          </a>
        ))}
      </div>
    </div>
  );
}

/**
 * How the last consent ended, read once from the address and then taken out of
 * it, so a reload does not say it again. The card of the connection made takes
 * the focus (onConnected).
 */
export function OAuthOutcome({ connections, onConnected }: { connections: Connection[] | undefined; onConnected: (connectionId: string) => void }) {
  const [params, setParams] = useSearchParams();
  const [outcome] = useState(() => ({ connected: params.get("connected"), error: params.get("error") }));
  const banner = useRef<HTMLDivElement>(null);
  const connection = outcome.connected ? connections?.find((item) => item.id === outcome.connected) : undefined;

  useEffect(() => {
    if (outcome.connected || outcome.error) setParams({}, { replace: true });
  }, [outcome, setParams]);
  useEffect(() => {
    if (connection) onConnected(connection.id);
  }, [connection, onConnected]);
  useEffect(() => {
    if (outcome.error) banner.current?.focus();
  }, [outcome.error]);

  if (outcome.error) {
    const problem = oauthProblem(outcome.error);
    return (
      <div className="connect-error oauth-outcome" role="alert" tabIndex={-1} ref={banner}>
        <p className="connect-error-title">{problem.title}</p>
        <p>{problem.advice}</p>
      </div>
    );
  }
  if (!outcome.connected || !connection) return null;
  const count = connection.calendars.length;
  return (
    <p className="success-text oauth-outcome" role="status">
      Connected “{connection.label}”: {count} calendar{count === 1 ? "" : "s"} found.
      {connection.status === "error" ? " The first sync did not finish; see the card below." : ""}
    </p>
  );
}
