// The page the host's attendance email opens: it says what the link records and
// asks for one click to confirm. Opening it changes nothing (mail scanners open
// links); the button records the mark. No sign-in: the link is the host's.
import { useMutation, useQuery } from "@tanstack/react-query";
import { api, isProblem, unwrap } from "../api/client";
import { ErrorText } from "../components/notice";
import { Skeleton } from "../components/skeleton";

const MARK_TEXT = { showed: "showed up", no_show: "did not show up" } as const;
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

function problemMessage(error: unknown): string | null {
  if (isProblem(error, "ATTENDANCE_LINK_EXPIRED")) return "This link has expired. Record attendance from the booking in your dashboard.";
  if (isProblem(error, "ATTENDANCE_LINK_INVALID")) return "This link is not valid. Open it again from the email, or record attendance in your dashboard.";
  return null;
}

export default function AttendancePage({ token }: { token: string }) {
  const link = useQuery({ queryKey: ["attendance-link", token], queryFn: () => unwrap(api.GET("/api/v1/attendance/{token}", { params: { path: { token } } })), retry: false });
  const record = useMutation({ mutationFn: () => unwrap(api.POST("/api/v1/attendance/{token}", { params: { path: { token } } })) });
  const view = record.data ?? link.data;
  const error = link.error ?? (record.error && !isProblem(record.error, "ATTENDANCE_ALREADY_RECORDED") ? record.error : null);

  return (
    <main className="page narrow" id="main">
      <div className="card stack">
        <h1>Attendance</h1>
        {link.isPending ? <Skeleton /> : null}
        {error ? <p role="alert">{problemMessage(error) ?? <ErrorText error={error} />}</p> : null}
        {view ? (
          <>
            <p>
              <strong>{view.meetingTitle}</strong> with {view.inviteeName}, {timeFormat.format(new Date(view.start))}.
            </p>
            {view.recorded ? (
              <p role="status">{view.recorded === "showed" ? "Recorded: they showed up." : "Recorded: a no-show."} Thank you.</p>
            ) : isProblem(record.error, "ATTENDANCE_ALREADY_RECORDED") ? (
              <p role="status">Attendance for this meeting was already recorded.</p>
            ) : (
              <>
                <p>Confirm that {view.inviteeName} {MARK_TEXT[view.mark]}.</p>
                <button type="button" className="button primary" disabled={record.isPending} onClick={() => record.mutate()}>
                  {view.mark === "showed" ? "Yes, they showed up" : "Yes, a no-show"}
                </button>
              </>
            )}
          </>
        ) : null}
      </div>
    </main>
  );
}
