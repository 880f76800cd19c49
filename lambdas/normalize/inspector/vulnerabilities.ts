import type { SoftwarePackage, Vulnerability } from '../../asff';
import { optionalArray, optionalInteger, optionalNumber, optionalObject, optionalString, requireString, stringList, within } from '../fields';
import { optionalTimestamp } from '../time';
import { optionalEnum } from './strings';
import { withoutEmpty } from '../objects';

type Cvss = NonNullable<Vulnerability['Cvss']>[number];

const PACKAGE = 'detail.packageVulnerabilityDetails';
const CODE = 'detail.codeVulnerabilityDetails';

function vulnerablePackage(event: unknown, path: string): SoftwarePackage {
  // Read within the package block: its path is found once, and errors still name the full path.
  return within(event, path, (block) =>
    withoutEmpty({
      Name: optionalString(block, 'name'),
      Version: optionalString(block, 'version'),
      Epoch: optionalString(block, 'epoch'),
      Release: optionalString(block, 'release'),
      Architecture: optionalString(block, 'arch'),
      PackageManager: optionalString(block, 'packageManager'),
      FilePath: optionalString(block, 'filePath'),
      FixedInVersion: optionalString(block, 'fixedInVersion'),
      Remediation: optionalString(block, 'remediation'),
      SourceLayerHash: optionalString(block, 'sourceLayerHash'),
      SourceLayerArn: optionalString(block, 'sourceLambdaLayerArn'),
    }),
  );
}

/** The vendor CVSS list, then Inspector's adjusted CVSS (with its adjustments), as Security Hub lists them. */
function cvssList(event: unknown): Cvss[] {
  const vendor = optionalArray(event, `${PACKAGE}.cvss`).map((_, index) => {
    return within(event, `${PACKAGE}.cvss[${index}]`, (block) =>
      withoutEmpty<Cvss>({
        Version: optionalString(block, 'version'),
        BaseScore: optionalNumber(block, 'baseScore'),
        BaseVector: optionalString(block, 'scoringVector'),
        Source: optionalString(block, 'source'),
      }),
    );
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
