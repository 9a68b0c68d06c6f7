// Placeholder: being built.
export default function Page() {
  return <h1>links-page</h1>;
}
