// Settings: profile (name, handle, time zone), security (password, email, sessions), API keys and the theme.
import { AppearanceCard } from "./appearance-card";
import { ApiKeysCard } from "./api-keys-card";
import { ProfileCard } from "./profile-card";
import { SecurityCard } from "./security-card";
import "./settings.css";

export default function SettingsPage() {
  return (
    <div className="stack settings">
      <h1>Settings</h1>
      <ProfileCard />
      <SecurityCard />
      <ApiKeysCard />
      <AppearanceCard />
    </div>
  );
}
