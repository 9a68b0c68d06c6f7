// The Google and Microsoft fakes as the browser test meets them: on fixed
// loopback ports (Convene's configuration names them before it starts), with
// Convene registered as a client at its callback URLs and one account each,
// holding a calendar with one event, that consents when asked.
import { startGoogleFake } from "./google/google-fake.js";
import { startMicrosoftFake } from "./microsoft/microsoft-fake.js";

export const BROWSER_FAKES = {
  googlePort: Number(process.env["E2E_GOOGLE_FAKE_PORT"] ?? 4327),
  microsoftPort: Number(process.env["E2E_MICROSOFT_FAKE_PORT"] ?? 4328),
  client: { clientId: "convene-e2e", clientSecret: "convene-e2e-secret" },
  googleAccount: "ada.lovelace@gmail.test",
  microsoftAccount: "grace.hopper@outlook.test",
  /** The second calendar each account has, besides its primary one. */
  calendarName: "Team rota",
} as const;

/** The environment that points a Convene server at the fakes. */
export function browserFakesEnv(): Record<string, string> {
  const { googlePort, microsoftPort, client } = BROWSER_FAKES;
  const google = `http://127.0.0.1:${googlePort}`;
  const microsoft = `http://127.0.0.1:${microsoftPort}`;
  return {
    GOOGLE_CLIENT_ID: client.clientId,
    GOOGLE_CLIENT_SECRET: client.clientSecret,
    GOOGLE_AUTH_URL: `${google}/o/oauth2/v2/auth`,
    GOOGLE_TOKEN_URL: `${google}/token`,
    GOOGLE_API_URL: google,
    MICROSOFT_CLIENT_ID: client.clientId,
    MICROSOFT_CLIENT_SECRET: client.clientSecret,
    MICROSOFT_AUTHORITY_URL: `${microsoft}/common`,
    MICROSOFT_GRAPH_URL: microsoft,
  };
}

/** Starts both fakes for a Convene server at publicUrl; stop() closes them. */
export async function startBrowserFakes(publicUrl: string) {
  const { googlePort, microsoftPort, client, googleAccount, microsoftAccount, calendarName } = BROWSER_FAKES;
  const tomorrowAt = (hour: number) => new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + hour * 3_600_000).toISOString();

  const google = await startGoogleFake({ client: { ...client, redirectUris: [`${publicUrl}/api/v1/calendars/callback/google`] }, port: googlePort });
  google.addUser(googleAccount, { timeZone: "Europe/London" });
  google.addCalendar(googleAccount, { id: "team-rota@group.calendar.google.com", summary: calendarName });
  google.putEvent(googleAccount, { summary: "Dentist", start: { dateTime: tomorrowAt(10) }, end: { dateTime: tomorrowAt(11) } });
  google.setConsentingUser(googleAccount);

  const microsoft = await startMicrosoftFake({ clients: [{ ...client, redirectUris: [`${publicUrl}/api/v1/calendars/callback/microsoft`] }], port: microsoftPort });
  const user = microsoft.addUser({ mail: microsoftAccount, displayName: "Grace Hopper" });
  const primary = microsoft.addCalendar(user.id, { name: "Calendar", isDefaultCalendar: true });
  microsoft.addCalendar(user.id, { name: calendarName });
  microsoft.addEvent(primary.id, { subject: "Board meeting", start: tomorrowAt(13), end: tomorrowAt(14) });
  microsoft.signInAs(user.id);

  return {
    google,
    microsoft,
    stop: async () => {
      await google.stop();
      await microsoft.stop();
    },
  };
}
