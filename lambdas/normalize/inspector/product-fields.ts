import { optionalArray, optionalNumber, optionalString, stringList } from '../fields';
import { productFields } from '../product-fields';
import type { MappedResource } from './resources';
import { formatScore, TRUNCATED } from './text';

/**
 * ProductFields as Security Hub writes them for Inspector (`aws/inspector/…`). The
 * `aws/securityhub/…` keys are Security Hub's own, added on import for every product.
 */
export function inspectorProductFields(event: unknown, status: string, resources: MappedResource[]): Record<string, string> | undefined {
  const fields: Array<[string, string | undefined]> = [
    ['aws/inspector/ProductVersion', '2'],
    ['aws/inspector/FindingStatus', status],
  ];
  const score = optionalNumber(event, 'detail.inspectorScore');
  if (score !== undefined) fields.push(['aws/inspector/inspectorScore', formatScore(score)]);
  const instanceId = resources.find((item) => item.instanceId)?.instanceId;
  fields.push(['aws/inspector/instanceId', instanceId]);
  resources.forEach(({ platform }, index) => {
    if (!platform) return;
    fields.push([`aws/inspector/resources/${index + 1}/resourceDetails/${platform.detailsKey}/platform`, platform.value]);
  });
  const layerHashes = optionalArray(event, 'detail.packageVulnerabilityDetails.vulnerablePackages').flatMap((_, index) => {
    const hash = optionalString(event, `detail.packageVulnerabilityDetails.vulnerablePackages[${index}].sourceLayerHash`);
    return hash === undefined ? [] : [hash];
  });
  if (layerHashes.length > 0) {
    fields.push(['aws/inspector/packageVulnerabilityDetails/vulnerablePackages/sourceLayerHashes', layerHashes.join(',')]);
  }
  // Code findings: detector facts with no ASFF field of their own (our keys; the docs show none).
  const code = 'detail.codeVulnerabilityDetails';
  fields.push(
    ['aws/inspector/codeVulnerabilityDetails/detectorName', optionalString(event, `${code}.detectorName`)],
    ['aws/inspector/codeVulnerabilityDetails/ruleId', optionalString(event, `${code}.ruleId`)],
    ['aws/inspector/codeVulnerabilityDetails/detectorTags', stringList(event, `${code}.detectorTags`).join(',')],
  );
  return productFields(fields, TRUNCATED);
}
