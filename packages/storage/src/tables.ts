/** Every table Caravan's storage knows, by its SQL name. */
import type { ApiKeyTable } from './api-key.table.ts';
import type { JourneyStatusChangeTable } from './journey-status-change.table.ts';
import type { JourneyTable } from './journey.table.ts';
import type { PreferenceTable } from './preference.table.ts';
import type { SessionTable } from './session.table.ts';
import type { UserTable } from './user.table.ts';

export interface Tables {
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  user_preferences: PreferenceTable;
  journeys: JourneyTable;
  journey_status_changes: JourneyStatusChangeTable;
}
