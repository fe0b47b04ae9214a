/** Every table Caravan's storage knows, by its SQL name. */
import type { AccountListMemberTable, AccountListTable } from './account-list.table.ts';
import type { AccountMembershipTable } from './account-membership.table.ts';
import type { AccountTable } from './account.table.ts';
import type { ActivityTable } from './activity.table.ts';
import type { AuditLogTable, WorkerHeartbeatTable } from './admin.table.ts';
import type { ApiKeyTable } from './api-key.table.ts';
import type { AttributeDefinitionTable } from './attribute-definition.table.ts';
import type { AudienceMemberTable, AudienceTable } from './audience.table.ts';
import type {
  BuyingGroupMemberTable,
  BuyingGroupTable,
  RoleTemplateTable,
  SolutionInterestTable,
  StageModelTable,
} from './buying-group.table.ts';
import type { EmailTable, SmsTable } from './content.table.ts';
import type {
  EngineSettingTable,
  EnrollmentTable,
  ExternalServiceTable,
  JourneyCounterTable,
  JourneyTimelineTable,
  OutboxTable,
} from './engine.table.ts';
import type { EventTypeTable } from './event-type.table.ts';
import type {
  IngestedMessageTable,
  IngestionIdentityTable,
  IngestionPendingTable,
  TraitTimesTable,
} from './ingestion.table.ts';
import type { JourneyStatusChangeTable } from './journey-status-change.table.ts';
import type { JourneyTable } from './journey.table.ts';
import type { PersonTable } from './person.table.ts';
import type {
  EmailUndeliverableTable,
  ReportEngagementTable,
  ReportJourneyDurationTable,
  ReportJourneyHourTable,
  ReportJourneyTotalTable,
  ReportMessageRollupTable,
  ReportMessageTotalTable,
  ReportMessageTable,
  ReportRecipientTable,
} from './report.table.ts';
import type { PreferenceTable } from './preference.table.ts';
import type { SessionTable } from './session.table.ts';
import type { UserTable } from './user.table.ts';
import type { SmsLinkTable } from './sms-link.table.ts';

export interface Tables {
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  user_preferences: PreferenceTable;
  journeys: JourneyTable;
  journey_status_changes: JourneyStatusChangeTable;
  attribute_definitions: AttributeDefinitionTable;
  accounts: AccountTable;
  people: PersonTable;
  account_memberships: AccountMembershipTable;
  activities: ActivityTable;
  event_types: EventTypeTable;
  account_lists: AccountListTable;
  account_list_members: AccountListMemberTable;
  audiences: AudienceTable;
  audience_members: AudienceMemberTable;
  role_templates: RoleTemplateTable;
  stage_models: StageModelTable;
  solution_interests: SolutionInterestTable;
  buying_groups: BuyingGroupTable;
  buying_group_members: BuyingGroupMemberTable;
  emails: EmailTable;
  sms_messages: SmsTable;
  enrollments: EnrollmentTable;
  journey_timeline: JourneyTimelineTable;
  journey_counters: JourneyCounterTable;
  outbox: OutboxTable;
  external_services: ExternalServiceTable;
  engine_settings: EngineSettingTable;
  audit_log: AuditLogTable;
  worker_heartbeats: WorkerHeartbeatTable;
  ingestion_identities: IngestionIdentityTable;
  ingestion_pending: IngestionPendingTable;
  ingested_messages: IngestedMessageTable;
  trait_times: TraitTimesTable;
  report_messages: ReportMessageTable;
  report_message_rollups: ReportMessageRollupTable;
  report_message_totals: ReportMessageTotalTable;
  sms_links: SmsLinkTable;
  report_recipients: ReportRecipientTable;
  report_journey_hours: ReportJourneyHourTable;
  report_journey_durations: ReportJourneyDurationTable;
  report_engagement: ReportEngagementTable;
  report_journey_totals: ReportJourneyTotalTable;
  email_undeliverable: EmailUndeliverableTable;
}
