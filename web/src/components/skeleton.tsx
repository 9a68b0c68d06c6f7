// Grey placeholders in the shape of what is loading; announced once to screen readers.
export function Skeleton({ width = "100%", height = "1rem", radius }: { width?: string; height?: string; radius?: string }) {
  return <span className="skeleton" style={{ width, height, borderRadius: radius }} aria-hidden="true" />;
}

export function PageSkeleton() {
  return (
    <main className="page narrow" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading…
      </p>
      <Skeleton width="60%" height="2rem" />
      <Skeleton width="40%" />
      <Skeleton height="14rem" radius="12px" />
    </main>
  );
}

/** Three placeholder rows while a list loads. */
export function ListSkeleton() {
  return (
    <div className="stack" aria-hidden="true">
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} height="3.5rem" radius="10px" />
      ))}
    </div>
  );
}
