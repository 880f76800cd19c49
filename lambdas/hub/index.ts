/**
 * The hub domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { enabledProductKeys, hubArn, notSubscribedMessage, subscriptionArn, subscriptionKey } from './hub';
export type { HubState } from './hub';
export { hubAdmissionOn, hubStoreOn } from './import-gate';
export type { HubRepository } from './state/hub-store';
export { MAX_TAGS, addTags, removeTags, validateTagKey, validateTagMap } from './tags';
