// The foot of a paged list: how many are shown, whether that is all, and a
// button for the next page (react-query's infinite query drives it).
import { ErrorText } from "./notice";

export type PagedList = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown; error: unknown };

export function LoadMore({ count, singular, plural, list }: { count: number; singular: string; plural: string; list: PagedList }) {
  return (
    <>
      <div className="spread">
        <p className="muted small" role="status">
          Showing {count} {count === 1 ? singular : plural}
          {list.hasNextPage ? "" : " (all)"}
        </p>
        {list.hasNextPage && (
          <button type="button" className="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        )}
      </div>
      <ErrorText error={list.error} />
    </>
  );
}
