import type { SoftwarePackage, Vulnerability } from '../../asff';
import { optionalArray, optionalInteger, optionalNumber, optionalObject, optionalString, requireString, stringList } from '../fields';
import { optionalTimestamp } from '../time';
import { optionalEnum } from './strings';
import { withoutEmpty } from '../objects';

type Cvss = NonNullable<Vulnerability['Cvss']>[number];

const PACKAGE = 'detail.packageVulnerabilityDetails';
const CODE = 'detail.codeVulnerabilityDetails';

function vulnerablePackage(event: unknown, path: string): SoftwarePackage {
  return withoutEmpty({
    Name: optionalString(event, `${path}.name`),
    Version: optionalString(event, `${path}.version`),
    Epoch: optionalString(event, `${path}.epoch`),
    Release: optionalString(event, `${path}.release`),
    Architecture: optionalString(event, `${path}.arch`),
    PackageManager: optionalString(event, `${path}.packageManager`),
    FilePath: optionalString(event, `${path}.filePath`),
    FixedInVersion: optionalString(event, `${path}.fixedInVersion`),
    Remediation: optionalString(event, `${path}.remediation`),
    SourceLayerHash: optionalString(event, `${path}.sourceLayerHash`),
    SourceLayerArn: optionalString(event, `${path}.sourceLambdaLayerArn`),
  });
}

/** The vendor CVSS list, then Inspector's adjusted CVSS (with its adjustments), as Security Hub lists them. */
function cvssList(event: unknown): Cvss[] {
  const vendor = optionalArray(event, `${PACKAGE}.cvss`).map((_, index) => {
    const path = `${PACKAGE}.cvss[${index}]`;
    return withoutEmpty<Cvss>({
      Version: optionalString(event, `${path}.version`),
      BaseScore: optionalNumber(event, `${path}.baseScore`),
      BaseVector: optionalString(event, `${path}.scoringVector`),
      Source: optionalString(event, `${path}.source`),
    });
  });
  const adjustedPath = 'detail.inspectorScoreDetails.adjustedCvss';
  if (!optionalObject(event, adjustedPath)) return vendor;
  const adjustments = optionalArray(event, `${adjustedPath}.adjustments`).map((_, index) =>
    withoutEmpty({
      Metric: optionalString(event, `${adjustedPath}.adjustments[${index}].metric`),
      Reason: optionalString(event, `${adjustedPath}.adjustments[${index}].reason`),
    }),
  );
  const adjusted = withoutEmpty<Cvss>({
    Version: optionalString(event, `${adjustedPath}.version`),
    BaseScore: optionalNumber(event, `${adjustedPath}.score`),
    BaseVector: optionalString(event, `${adjustedPath}.scoringVector`),
    Source: optionalString(event, `${adjustedPath}.scoreSource`) ?? optionalString(event, `${adjustedPath}.cvssSource`),
    Adjustments: adjustments,
  });
  return Object.keys(adjusted).length > 0 ? [...vendor, adjusted] : vendor;
}

function vendor(event: unknown): Vulnerability['Vendor'] {
  const name = optionalString(event, `${PACKAGE}.source`);
  if (name === undefined) return undefined;
  return withoutEmpty({
    Name: name,
    Url: optionalString(event, `${PACKAGE}.sourceUrl`),
    VendorSeverity: optionalString(event, `${PACKAGE}.vendorSeverity`),
    VendorCreatedAt: optionalTimestamp(event, `${PACKAGE}.vendorCreatedAt`),
    VendorUpdatedAt: optionalTimestamp(event, `${PACKAGE}.vendorUpdatedAt`),
  });
}

/** Exploit and fix intelligence Inspector keeps at the top of the finding. */
function intelligence(event: unknown): Partial<Vulnerability> {
  return withoutEmpty({
    FixAvailable: optionalEnum(event, 'detail.fixAvailable', ['YES', 'NO', 'PARTIAL'] as const, true),
    ExploitAvailable: optionalEnum(event, 'detail.exploitAvailable', ['YES', 'NO'] as const, true),
    LastKnownExploitAt: optionalTimestamp(event, 'detail.exploitabilityDetails.lastKnownExploitAt'),
    EpssScore: optionalNumber(event, 'detail.epss.score'),
  });
}

/** `Vulnerabilities` of a PACKAGE_VULNERABILITY finding: one entry, Id = the CVE (or GHSA, ALAS…). */
export function packageVulnerabilities(event: unknown): Vulnerability[] {
  return [
    withoutEmpty<Vulnerability>({
      Id: requireString(event, `${PACKAGE}.vulnerabilityId`),
      VulnerablePackages: optionalArray(event, `${PACKAGE}.vulnerablePackages`)
        .map((_, index) => vulnerablePackage(event, `${PACKAGE}.vulnerablePackages[${index}]`))
        .filter((item) => Object.keys(item).length > 0),
      Cvss: cvssList(event).filter((item) => Object.keys(item).length > 0),
      RelatedVulnerabilities: stringList(event, `${PACKAGE}.relatedVulnerabilities`),
      Vendor: vendor(event),
      ReferenceUrls: stringList(event, `${PACKAGE}.referenceUrls`),
      ...intelligence(event),
    }),
  ];
}

/** A line number (ASFF: integer ≥ 0); anything else is left out. */
const lineNumber = (event: unknown, path: string) => optionalInteger(event, path);

/**
 * `Vulnerabilities` of a CODE_VULNERABILITY finding: Id = the detector (the docs name no Id for
 * code findings), with the CWEs, the file and line range, and the Lambda layer it came from.
 */
export function codeVulnerabilities(event: unknown): Vulnerability[] {
  const id = optionalString(event, `${CODE}.detectorId`) ?? requireString(event, `${CODE}.ruleId`);
  const filePath = withoutEmpty({
    FileName: optionalString(event, `${CODE}.filePath.fileName`),
    FilePath: optionalString(event, `${CODE}.filePath.filePath`),
    StartLine: lineNumber(event, `${CODE}.filePath.startLine`),
    EndLine: lineNumber(event, `${CODE}.filePath.endLine`),
  });
  const code = withoutEmpty({
    Cwes: stringList(event, `${CODE}.cwes`),
    FilePath: Object.keys(filePath).length > 0 ? filePath : undefined,
    SourceArn: optionalString(event, `${CODE}.sourceLambdaLayerArn`),
  });
  return [
    withoutEmpty<Vulnerability>({
      Id: id,
      CodeVulnerabilities: Object.keys(code).length > 0 ? [code] : undefined,
      ReferenceUrls: stringList(event, `${CODE}.referenceUrls`),
      ...intelligence(event),
    }),
  ];
}
