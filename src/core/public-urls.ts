// Where the public pages and public API of links, one-time links and bookings live.
// Everything public is reached by handle and slug or by an unguessable token.

export const PUBLIC_API = "/api/v1/public";

export function linkUrls(publicUrl: string, handle: string, slug: string) {
  const path = `${encodeURIComponent(handle)}/${encodeURIComponent(slug)}`;
  return { bookingUrl: `${publicUrl}/${path}`, apiUrl: `${publicUrl}${PUBLIC_API}/links/${path}` };
}

export function oneTimeLinkUrls(publicUrl: string, token: string) {
  return { bookingUrl: `${publicUrl}/t/${token}`, apiUrl: `${publicUrl}${PUBLIC_API}/one-time/${token}` };
}

export function manageUrls(publicUrl: string, token: string) {
  return { manageUrl: `${publicUrl}/manage/${token}`, manageApiUrl: `${publicUrl}${PUBLIC_API}/manage/${token}` };
}
