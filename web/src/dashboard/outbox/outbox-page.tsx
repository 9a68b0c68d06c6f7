// Placeholder: being built.
export default function Page() {
  return <h1>outbox-page</h1>;
}
