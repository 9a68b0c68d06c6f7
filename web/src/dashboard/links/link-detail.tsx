// Placeholder: being built.
export default function LinkDetail({ linkId }: { linkId: string }) {
  return <h1>Link {linkId}</h1>;
}
