// Placeholder: being built.
export default function LinkWizard({ linkId }: { linkId?: string }) {
  return <h1>{linkId ? "Edit link" : "New link"}</h1>;
}
