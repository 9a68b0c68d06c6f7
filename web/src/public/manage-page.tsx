export default function ManagePage({ token }: { token: string }) {
  return <main className="page narrow">Manage {token.slice(0, 4)}</main>;
}
