// The owner dashboard: checks the session, then a header with the sections and
// the section's page. Each section is its own chunk.
import { lazy, Suspense, useEffect } from "react";
import { Link, Redirect, Route, Switch, useLocation } from "wouter";
import { isProblem } from "../api/client";
import { NotFound } from "../components/not-found";
import { ErrorText } from "../components/notice";
import { PageSkeleton } from "../components/skeleton";
import { ThemeToggle } from "../components/theme-toggle";
import { scopeOf, useMe, useSignOut, type Permission } from "./session";
import { NotificationBell } from "./notifications/notification-bell";

const LinksPage = lazy(() => import("./links/links-page"));
const LinkWizard = lazy(() => import("./links/link-wizard"));
const LinkDetail = lazy(() => import("./links/link-detail"));
const BookingsPage = lazy(() => import("./bookings/bookings-page"));
const BookingDetail = lazy(() => import("./bookings/booking-detail"));
const NewMeeting = lazy(() => import("./bookings/new-meeting"));
const AnalyticsPage = lazy(() => import("./analytics/analytics-page"));
const FunnelPage = lazy(() => import("./funnel/funnel-page"));
const SettingsPage = lazy(() => import("./settings/settings-page"));
const DeliveriesPage = lazy(() => import("./deliveries/deliveries-page"));
const OutboxPage = lazy(() => import("./outbox/outbox-page"));
const CalendarsPage = lazy(() => import("./calendars/calendars-page"));
const TeamPage = lazy(() => import("./team/team-page"));
const IntegrationsPage = lazy(() => import("./integrations/integrations-page"));
const LeadsPage = lazy(() => import("./leads/leads-page"));
const LeadDetailPage = lazy(() => import("./leads/lead-detail"));

/** Each section with the permission it needs: a role without it (GET /me's permissions) does not see the section. */
const SECTIONS: { href: string; label: string; permission: Permission }[] = [
  { href: "/links", label: "Links", permission: "links.read" },
  { href: "/bookings", label: "Bookings", permission: "bookings.read" },
  { href: "/leads", label: "Leads", permission: "leads.read" },
  { href: "/calendars", label: "Calendars", permission: "calendars.read" },
  { href: "/deliveries", label: "Deliveries", permission: "deliveries.read" },
  { href: "/analytics", label: "Analytics", permission: "analytics.read" },
  { href: "/funnel", label: "Funnel", permission: "analytics.read" },
  { href: "/integrations", label: "Integrations", permission: "inbound.read" },
  { href: "/team", label: "Team", permission: "members.read" },
  { href: "/settings", label: "Settings", permission: "account.self" },
  { href: "/outbox", label: "Outbox", permission: "outbox.read" },
];

export default function Dashboard() {
  const me = useMe();
  const [location, navigate] = useLocation();
  const signOut = useSignOut();
  const isSignedOut = isProblem(me.error, "UNAUTHENTICATED");

  useEffect(() => {
    if (isSignedOut) navigate(`~/signin?next=${encodeURIComponent(`/dashboard${location}`)}`, { replace: true });
  }, [isSignedOut, location, navigate]);

  if (me.isPending || isSignedOut) return <PageSkeleton />;
  if (me.error) {
    return (
      <main className="page narrow">
        <ErrorText error={me.error} />
      </main>
    );
  }

  return (
    <div className="dashboard">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/links" className="brand">
            Convene
          </Link>
          <nav aria-label="Dashboard">
            <ul className="nav-list">
              {SECTIONS.filter((section) => scopeOf(me.data, section.permission) !== null).map((section) => (
                <li key={section.href}>
                  <Link href={section.href} className="nav-link" aria-current={location.startsWith(section.href) ? "page" : undefined}>
                    {section.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="row">
            <ThemeToggle />
            <NotificationBell />
            <span className="muted small topbar-user" title={me.data.user.name}>{me.data.user.name}</span>
            <button
              type="button"
              className="button small"
              onClick={async () => {
                await signOut();
                navigate("~/signin", { replace: true });
              }}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Suspense fallback={<PageSkeleton />}>
          <Switch>
            <Route path="/">
              <Redirect to="/links" replace />
            </Route>
            <Route path="/links" component={LinksPage} />
            <Route path="/links/new">{() => <LinkWizard />}</Route>
            <Route path="/links/:id/edit">{(params) => <LinkWizard linkId={params.id} />}</Route>
            <Route path="/links/:id">{(params) => <LinkDetail linkId={params.id} />}</Route>
            <Route path="/bookings" component={BookingsPage} />
            <Route path="/bookings/new" component={NewMeeting} />
            <Route path="/bookings/:id">{(params) => <BookingDetail bookingId={params.id} />}</Route>
            <Route path="/leads" component={LeadsPage} />
            <Route path="/leads/:id">{(params) => <LeadDetailPage leadId={params.id} />}</Route>
            <Route path="/analytics" component={AnalyticsPage} />
            <Route path="/funnel" component={FunnelPage} />
            <Route path="/team" component={TeamPage} />
            <Route path="/integrations" component={IntegrationsPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route path="/calendars" component={CalendarsPage} />
            <Route path="/deliveries" component={DeliveriesPage} />
            <Route path="/outbox" component={OutboxPage} />
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}
