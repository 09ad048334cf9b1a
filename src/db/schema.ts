import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely; kept by hand beside the SQL migrations that define them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AppMetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  title: Generated<string>;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  locale: Generated<'th' | 'en'>;
  is_active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  scope_code: string;
  created_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  data: ColumnType<unknown, string | undefined, string>;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface DB {
  app_meta: AppMetaTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  role_assignment: RoleAssignmentTable;
  audit_event: AuditEventTable;
  schema_migration: SchemaMigrationTable;
}
