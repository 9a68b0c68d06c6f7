export default function SignIn() {
  return <main className="page narrow">Sign in</main>;
}
