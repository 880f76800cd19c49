/**
 * The events domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export type { FindingStreamRecord } from './finding-event';
export { APP_EVENT_SOURCE, FINDINGS_CUSTOM_ACTION, FINDINGS_IMPORTED } from './finding-events';
export type { FindingChange, FindingsCustomActionDetail, FindingsImportedDetail } from './finding-events';
export { publishFindingEvents } from './publish';
export type { PublishDeps, StreamBatchResponse } from './publish';
