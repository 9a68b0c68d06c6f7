// Routes. The booking and manage pages are in the entry chunk: an invitee's
// first paint must not wait for a lazy chunk (React holds a revealed Suspense
// boundary back ~300 ms). The dashboard sections are chunks of their own.
import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { PageSkeleton } from "./components/skeleton";
import { NotFound } from "./components/not-found";
import BookingPage from "./public/booking-page";
import ManagePage from "./public/manage-page";

const Dashboard = lazy(() => import("./dashboard/dashboard"));
const SignIn = lazy(() => import("./dashboard/sign-in"));
const ForgotPassword = lazy(() => import("./dashboard/account-recovery").then((module) => ({ default: module.ForgotPassword })));
const ResetPassword = lazy(() => import("./dashboard/account-recovery").then((module) => ({ default: module.ResetPassword })));
const ConfirmEmail = lazy(() => import("./dashboard/account-recovery").then((module) => ({ default: module.ConfirmEmail })));
const AcceptInvite = lazy(() => import("./dashboard/accept-invite"));
const AttendancePage = lazy(() => import("./public/attendance-page"));

export function App() {
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Switch>
        <Route path="/" component={SignIn} />
        <Route path="/signin" component={SignIn} />
        <Route path="/signup" component={SignIn} />
        <Route path="/forgot-password" component={ForgotPassword} />
        <Route path="/reset-password" component={ResetPassword} />
        <Route path="/confirm-email" component={ConfirmEmail} />
        <Route path="/accept-invite" component={AcceptInvite} />
        <Route path="/dashboard" nest component={Dashboard} />
        <Route path="/t/:token">{(params) => <BookingPage link={{ kind: "one-time", token: params.token }} />}</Route>
        <Route path="/manage/:token">{(params) => <ManagePage token={params.token} />}</Route>
        <Route path="/attendance/:token">{(params) => <AttendancePage token={params.token} />}</Route>
        <Route path="/:handle/:slug">{(params) => <BookingPage link={{ kind: "evergreen", handle: params.handle, slug: params.slug }} />}</Route>
        <Route component={NotFound} />
      </Switch>
    </Suspense>
  );
}
