// Placeholder: being built.
export default function Page() {
  return <h1>bookings-page</h1>;
}
