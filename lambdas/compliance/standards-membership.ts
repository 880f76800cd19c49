/**
 * Which standards a control belongs to, with its requirement ids and standards-control id in
 * each: the controls' own mappings for the standards whose membership they carry, the standards'
 * data for the others (standards.ts). Pure; memoised per control definition.
 */
import type { ControlDefinition } from './controls/types';
import { STANDARDS, type StandardId } from './standards';

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

function resolve(control: Mappable): ResolvedMapping[] {
  const mappings: ResolvedMapping[] = [];
  for (const standard of STANDARDS) {
    let requirements: string[] | undefined;
    if (standard.membership === 'controls') {
      const own = control.standards.filter((mapping) => mapping.standard === standard.id);
      if (own.length > 0) requirements = own.flatMap((mapping) => mapping.requirements);
    } else {
      const listed = standard.requirements?.[control.id];
      if (listed !== undefined) requirements = listed.map((id) => standard.requirement(id));
    }
    if (requirements === undefined) continue;
    const standardsControlId = standard.standardsControlId?.(control.id, requirements) ?? control.id;
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
