// Placeholder: being built.
export default function Page() {
  return <h1>analytics-page</h1>;
}
