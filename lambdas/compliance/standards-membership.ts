/**
 * Which standards a control belongs to, with its requirement ids and standards-control id in
 * each: the controls' own mappings for the standards whose membership they carry, the standards'
 * data for the others (standards.ts). Pure; memoised per control definition.
 */
import { CONTROLS } from './controls/registry';
import type { ControlDefinition } from './controls/types';
import { STANDARDS, type StandardDefinition, type StandardId } from './standards';

/** A control's place in one standard, resolved. */
export interface ResolvedMapping {
  standard: StandardId;
  /** As `Compliance.RelatedRequirements` spells them (e.g. `NIST.800-53.r5 AC-3`). */
  requirements: string[];
  /** Security Hub's id of the control in this standard (`PCI.IAM.3`, `1.14`, or the security control id). */
  standardsControlId: string;
}

type Mappable = Pick<ControlDefinition, 'id' | 'standards'>;

const cache = new WeakMap<Mappable, ResolvedMapping[]>();

/** The control's requirement ids in a standard (its own mappings or the standard's data), or undefined when not in it. */
function requirementsIn(control: Mappable, standard: StandardDefinition): string[] | undefined {
  if (standard.membership === 'controls') {
    const own = control.standards.filter((mapping) => mapping.standard === standard.id);
    return own.length > 0 ? own.flatMap((mapping) => mapping.requirements) : undefined;
  }
  return standard.requirements?.[control.id]?.map((id) => standard.requirement(id));
}

let shared: Map<StandardId, Set<string>> | undefined;

/**
 * Standards-control ids that more than one control of a standard would get (CIS numbers two
 * controls under one recommendation, e.g. S3.1 and S3.8 under 2.1.4): those controls keep their
 * security control id there, so every standards-control ARN names one control. Counted over the
 * standard's data, or over the catalogue for standards whose membership the controls carry.
 */
function sharedIds(): Map<StandardId, Set<string>> {
  if (shared) return shared;
  shared = new Map();
  for (const standard of STANDARDS) {
    if (!standard.standardsControlId) continue;
    const members: Array<[string, string[]]> =
      standard.membership === 'published'
        ? Object.entries(standard.requirements ?? {}).map(([id, requirements]) => [id, requirements.map((requirement) => standard.requirement(requirement))])
        : CONTROLS.flatMap((control) => {
            const requirements = requirementsIn(control, standard);
            return requirements ? [[control.id, requirements] as [string, string[]]] : [];
          });
    const counts = new Map<string, number>();
    for (const [id, requirements] of members) {
      const candidate = standard.standardsControlId(id, requirements);
      if (candidate !== undefined) counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
    }
    shared.set(standard.id, new Set([...counts].filter(([, count]) => count > 1).map(([id]) => id)));
  }
  return shared;
}

function resolve(control: Mappable): ResolvedMapping[] {
  const mappings: ResolvedMapping[] = [];
  for (const standard of STANDARDS) {
    const requirements = requirementsIn(control, standard);
    if (requirements === undefined) continue;
    const candidate = standard.standardsControlId?.(control.id, requirements);
    const standardsControlId = candidate !== undefined && !sharedIds().get(standard.id)?.has(candidate) ? candidate : control.id;
    mappings.push({ standard: standard.id, requirements, standardsControlId });
  }
  return mappings;
}

/** Every standard the control belongs to (standards order), with its requirements and id there. */
export function mappingsOf(control: Mappable): readonly ResolvedMapping[] {
  let mappings = cache.get(control);
  if (mappings === undefined) {
    mappings = resolve(control);
    cache.set(control, mappings);
  }
  return mappings;
}

/** The control's place in one standard, or undefined when it is not in it. */
export function mappingIn(control: Mappable, standard: StandardId): ResolvedMapping | undefined {
  return mappingsOf(control).find((mapping) => mapping.standard === standard);
}

/** True when the control belongs to the standard. */
export function isInStandard(control: Mappable, standard: StandardId): boolean {
  return mappingIn(control, standard) !== undefined;
}

/** The control in a standard by the id Security Hub gives it there (`PCI.IAM.3`, `1.14`) or its security control id. */
export function controlByStandardsControlId<T extends Mappable>(catalogue: readonly T[], standard: StandardId, id: string): T | undefined {
  return catalogue.find((control) => mappingIn(control, standard)?.standardsControlId === id) ?? catalogue.find((control) => control.id === id && isInStandard(control, standard));
}
