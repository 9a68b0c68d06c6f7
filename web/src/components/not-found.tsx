import { Link } from "wouter";
import { Notice } from "./notice";

export function NotFound() {
  return (
    <main className="page narrow">
      <Notice tone="neutral" title="This page does not exist">
        <p>The address may be mistyped, or the link was removed by its owner.</p>
        <p>
          <Link href="/">Go to Convene</Link>
        </p>
      </Notice>
    </main>
  );
}
