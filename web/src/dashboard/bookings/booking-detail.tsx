// Placeholder: being built.
export default function BookingDetail({ bookingId }: { bookingId: string }) {
  return <h1>Booking {bookingId}</h1>;
}
