/** The SQLite history (DESIGN.md, "History"): open it, record into it, read it back. */
export { openHistory, defaultHistoryPath, type OpenHistoryOptions } from './open-history';
export { migrate, schemaVersion, type MigrationResult } from './migrate';
export { LATEST_SCHEMA_VERSION } from './migrations';
export { recoverInterruptedRuns } from './recover';
export { upsertModel, getModel } from './models';
export { upsertDataset, getDataset, datasetFingerprint } from './datasets';
export { upsertEnsembleVersion, getEnsembleVersion } from './ensembles';
export { startRun, finishRun, addRunMembers } from './runs';
export { recordMetrics, getMetrics, recordArtifact, getArtifact, listArtifacts } from './metrics';
export { listRuns, getRun } from './run-queries';
export { compareRuns } from './compare';
export * from '../../contract/history-types';
