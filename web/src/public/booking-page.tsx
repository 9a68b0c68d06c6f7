export type LinkRef = { kind: "evergreen"; handle: string; slug: string } | { kind: "one-time"; token: string };

export default function BookingPage({ link }: { link: LinkRef }) {
  return <main className="page narrow">Booking page for {link.kind}</main>;
}
