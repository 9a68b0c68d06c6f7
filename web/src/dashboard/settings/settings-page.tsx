// Settings: profile (name, handle, time zone), working hours, security (password, email, sessions), API keys, embedding sites (owners and admins), the theme and, for owners, the organisation (export, delete).
import { AppearanceCard } from "./appearance-card";
import { EmbeddingCard } from "./embedding-card";
import { ApiKeysCard } from "./api-keys-card";
import { OrganizationCard } from "./organization-card";
import { ProfileCard } from "./profile-card";
import { SecurityCard } from "./security-card";
import { WorkingHoursCard } from "./working-hours-card";
import "./settings.css";

export default function SettingsPage() {
  return (
    <div className="stack settings">
      <h1>Settings</h1>
      <ProfileCard />
      <WorkingHoursCard />
      <SecurityCard />
      <ApiKeysCard />
      <EmbeddingCard />
      <AppearanceCard />
      <OrganizationCard />
    </div>
  );
}
