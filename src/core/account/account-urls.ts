// The web app's pages a mailed account token opens. The token travels in the
// query, not the path, so the page's address is fixed and the SPA owns it.

export function passwordResetUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
}

export function emailChangeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/confirm-email?token=${encodeURIComponent(token)}`;
}

/** Where a signed-in user manages their password, email and sessions. */
export function securitySettingsUrl(publicUrl: string): string {
  return `${publicUrl}/dashboard/settings`;
}
