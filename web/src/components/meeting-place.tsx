// Where a booked meeting happens, as its emails and invitation give it: the
// address to join as a link (a video room), otherwise the text (a number, an
// address, the owner's words). Shared by the invitee's manage page and the
// owner's booking page.
export type ResolvedLocation = { label: string; text: string; url: string | null };

export function MeetingPlace({ location }: { location: ResolvedLocation }) {
  // The server only ever sends http(s) addresses; a link is made of nothing else.
  const url = location.url && /^https?:\/\//i.test(location.url) ? location.url : null;
  if (!url) return <>{location.text}</>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="meeting-place">
      {location.text}
    </a>
  );
}
