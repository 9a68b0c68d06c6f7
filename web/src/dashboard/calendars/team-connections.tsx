// Colleagues' calendar connections, for owners and admins: whose, which, and
// whether it is healthy, so they can tell a colleague to reconnect. Read-only:
// each user changes only their own connections (calendars.write is "own").
import { HEALTH, type Connection } from "./calendar-model";

export function TeamConnections({ connections }: { connections: Connection[] }) {
  return (
    <section className="stack" aria-labelledby="team-calendars-heading">
      <h2 id="team-calendars-heading">Your team's calendars</h2>
      <p className="muted small">Only each person can change or disconnect their own calendars.</p>
      <ul className="connection-list team-connections">
        {connections.map((connection) => {
          const health = HEALTH[connection.status];
          return (
            <li key={connection.id} className="card team-connection">
              <div className="connection-title">
                <strong>{connection.user.name}</strong>
                <span className="muted small"> · {connection.label}</span>
              </div>
              <span className={`badge health-badge ${health.tone}`}>{health.label}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
