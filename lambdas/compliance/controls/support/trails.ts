/** CloudTrail trails: whether one logs read and write management events in every Region. Pure. */
import type { ConfigurationItem } from '../types';
import { asArray, asBoolean, asString, field } from './readers';

/**
 * Why a trail does not log read and write management events in every Region, or undefined when
 * it does. Event selectors and status come from `supplementaryConfiguration` (CloudTrail
 * GetEventSelectors / GetTrailStatus); a trail without custom selectors logs all management events.
 */
export function multiRegionGap(trail: ConfigurationItem): string | undefined {
  const configuration = trail.configuration;
  if (asBoolean(field(configuration, ['isMultiRegionTrail', 'IsMultiRegionTrail'])) !== true) return 'is not multi-Region';
  if (asBoolean(field(trail.supplementaryConfiguration, 'TrailStatus', ['IsLogging', 'isLogging'])) === false) return 'is not logging';
  const supplementary = trail.supplementaryConfiguration;
  const basic = asArray(field(supplementary, 'EventSelectors'));
  const advanced = asArray(field(supplementary, 'AdvancedEventSelectors'));
  if (basic.length === 0 && advanced.length === 0) {
    return asBoolean(field(configuration, 'hasCustomEventSelectors')) === true ? 'has custom event selectors that were not recorded' : undefined;
  }
  const basicAll = basic.some((selector) => asBoolean(field(selector, 'IncludeManagementEvents')) !== false && (asString(field(selector, 'ReadWriteType')) ?? 'All') === 'All');
  const advancedAll = advanced.some((selector) => {
    const fields = asArray(field(selector, 'FieldSelectors'));
    const management = fields.some((entry) => asString(field(entry, 'Field')) === 'eventCategory' && asArray(field(entry, 'Equals')).includes('Management'));
    const readOnlyFilter = fields.some((entry) => asString(field(entry, 'Field')) === 'readOnly');
    return management && !readOnlyFilter;
  });
  return basicAll || advancedAll ? undefined : 'does not log both read and write management events';
}
