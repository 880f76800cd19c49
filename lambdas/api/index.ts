/**
 * The api domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { LOCAL_LOCATION, createApi } from './api';
export type { RemediationStarter } from './console-operations';
export type { ApiOperation, ServiceLocation } from './operation';
export { OPERATIONS } from './operations';
export { MEMBER_OPERATIONS } from './caller-scope';
