/**
 * Where an account or OU sits in AWS Organizations, as the membership sync stored it: the root and
 * the OU tree on the organization state, each account's OU path on its member record. Central
 * configuration's inheritance reads it (the compliance domain's `OrganizationView`, which this
 * satisfies structurally). The places are pure; {@link organizationTree} reads them from the store.
 */
import type { MemberRecord, OrganizationState } from './organization';
import type { OrganizationRepository } from './state/organization-store';

/** The root of an organization no sync has read yet: every account sits directly under it. */
export const UNSYNCED_ROOT_ID = 'r-root';

/** Most OU levels under the root AWS Organizations allows (a cycle in stored parents stops here). */
const MAX_DEPTH = 5;

/** A target of central configuration: an account, an organizational unit or the root. */
export interface TreeTarget {
  type: 'ACCOUNT' | 'ORGANIZATIONAL_UNIT' | 'ROOT';
  id: string;
}

/** A target's place: the root and the OUs from the root down to its parent (nearest last). */
export interface TreePlace {
  rootId: string;
  ouIds: string[];
}

/** The organization's root: the synced one, else {@link UNSYNCED_ROOT_ID}. */
export function rootOf(state: Pick<OrganizationState, 'rootId'>): string {
  return state.rootId ?? UNSYNCED_ROOT_ID;
}

/** An OU's place: its ancestors from the root down (an OU the sync has not seen sits under the root). */
export function ouPlace(state: Pick<OrganizationState, 'rootId' | 'organizationalUnits'>, ouId: string): TreePlace {
  const rootId = rootOf(state);
  const parents = state.organizationalUnits ?? {};
  const ouIds: string[] = [];
  for (let at = parents[ouId]; at !== undefined && at !== rootId && !at.startsWith('r-'); at = parents[at]) {
    if (ouIds.length >= MAX_DEPTH) break;
    ouIds.unshift(at);
  }
  return { rootId, ouIds };
}

/**
 * An account's place: its member record's OU path (`['r-…', 'ou-…', …]`, root first); an account
 * the sync has not placed (not a member, or one from CreateMembers or first contact outside the
 * organization) sits directly under the root.
 */
export function accountPlace(state: Pick<OrganizationState, 'rootId'>, member: Pick<MemberRecord, 'organizationPath'> | undefined): TreePlace {
  const path = member?.organizationPath;
  if (path === undefined || path.length === 0) return { rootId: rootOf(state), ouIds: [] };
  return { rootId: path[0], ouIds: path.slice(1) };
}

/** Members central configuration lists: every member still in the organization (not Removed or Deleted). */
const listed = (member: MemberRecord) => member.status !== 'Removed' && member.status !== 'Deleted';

/** The organization as central configuration reads it. */
export interface OrganizationTree {
  rootId(): Promise<string>;
  pathOf(target: TreeTarget): Promise<TreePlace>;
  /** Every OU the sync saw and every member account. */
  targets(): Promise<TreeTarget[]>;
  /** The places of many targets by id: one state read and the accounts' members read 100 at a time. */
  pathsOf(targets: readonly TreeTarget[]): Promise<Map<string, TreePlace>>;
}

/**
 * The tree over the organization store. `state` reads the organization state (pass a memoized
 * reader to read it once per batch); an account's place costs one member read, many accounts'
 * places one BatchGetItem per 100 (`pathsOf`).
 */
export function organizationTree(repository: Pick<OrganizationRepository, 'getMembers' | 'listMembers'>, state: () => Promise<OrganizationState>): OrganizationTree {
  const pathsOf = async (targets: readonly TreeTarget[]): Promise<Map<string, TreePlace>> => {
    const current = await state();
    const members = await repository.getMembers(targets.filter((target) => target.type === 'ACCOUNT').map((target) => target.id));
    const places = new Map<string, TreePlace>();
    for (const target of targets) places.set(target.id, placeOf(current, target, members.get(target.id)));
    return places;
  };
  return {
    rootId: async () => rootOf(await state()),
    pathOf: async (target) => (await pathsOf([target])).get(target.id)!,
    async targets() {
      const targets: TreeTarget[] = Object.keys((await state()).organizationalUnits ?? {}).map((id) => ({ type: 'ORGANIZATIONAL_UNIT', id }));
      let after: string | undefined;
      do {
        const page = await repository.listMembers(1000, after);
        for (const member of page.members.filter(listed)) targets.push({ type: 'ACCOUNT', id: member.accountId });
        after = page.last;
      } while (after !== undefined);
      return targets;
    },
    pathsOf,
  };
}

/** A target's place in the organization state (an account's from its member record). */
function placeOf(state: OrganizationState, target: TreeTarget, member: MemberRecord | undefined): TreePlace {
  if (target.type === 'ROOT') return { rootId: rootOf(state), ouIds: [] };
  if (target.type === 'ORGANIZATIONAL_UNIT') return ouPlace(state, target.id);
  return accountPlace(state, member);
}
