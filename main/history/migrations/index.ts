/** Every migration, in order. Add a new numbered file and append it here; never edit a released one. */
import type { Migration } from './migration';
import { initial } from './001-initial';
import { workspaceAndOwnerStart } from './002-workspace-and-owner-start';

export const MIGRATIONS: readonly Migration[] = [initial, workspaceAndOwnerStart];

/** The schema version this code writes; a database above it is refused. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
