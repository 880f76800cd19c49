/**
 * Nested ASFF shapes that few consumers touch (threat, network, action, vulnerability, detection
 * and data-classification details), kept apart from the core finding in `types.ts`.
 */

/** Malware related to a finding (up to 5 per finding). */
export interface Malware {
  Name: string;
  Type?:
    | 'ADWARE'
    | 'BLENDED_THREAT'
    | 'BOTNET_AGENT'
    | 'COIN_MINER'
    | 'EXPLOIT_KIT'
    | 'KEYLOGGER'
    | 'MACRO'
    | 'POTENTIALLY_UNWANTED'
    | 'SPYWARE'
    | 'RANSOMWARE'
    | 'REMOTE_ACCESS'
    | 'ROOTKIT'
    | 'TROJAN'
    | 'VIRUS'
    | 'WORM';
  Path?: string;
  State?: 'OBSERVED' | 'REMOVAL_FAILED' | 'REMOVED';
}

/** A range of ports. */
export interface PortRange {
  Begin?: number;
  End?: number;
}

/** Network information of a finding. */
export interface Network {
  Direction?: 'IN' | 'OUT';
  Protocol?: string;
  OpenPortRange?: PortRange;
  SourceIpV4?: string;
  SourceIpV6?: string;
  SourcePort?: number;
  SourceDomain?: string;
  SourceMac?: string;
  DestinationIpV4?: string;
  DestinationIpV6?: string;
  DestinationPort?: number;
  DestinationDomain?: string;
}

/** Source or destination of a network path hop. */
export interface NetworkPathComponentDetails {
  Address?: string[];
  PortRanges?: PortRange[];
}

/** Traffic of a network path hop. */
export interface NetworkHeader {
  Protocol?: string;
  Destination?: NetworkPathComponentDetails;
  Source?: NetworkPathComponentDetails;
}

/** One hop of a network path. */
export interface NetworkPathComponent {
  ComponentId?: string;
  ComponentType?: string;
  Egress?: NetworkHeader;
  Ingress?: NetworkHeader;
}

/** Process information of a finding. */
export interface ProcessDetails {
  Name?: string;
  Path?: string;
  Pid?: number;
  ParentPid?: number;
  LaunchedAt?: string;
  TerminatedAt?: string;
}

/** A detected threat and the files it affected. */
export interface Threat {
  Name?: string;
  Severity?: string;
  ItemCount?: number;
  FilePaths?: Array<{ FilePath?: string; FileName?: string; ResourceId?: string; Hash?: string }>;
}

/** Threat intelligence related to a finding (up to 5 per finding). */
export interface ThreatIntelIndicator {
  Type?: 'DOMAIN' | 'EMAIL_ADDRESS' | 'HASH_MD5' | 'HASH_SHA1' | 'HASH_SHA256' | 'HASH_SHA512' | 'IPV4_ADDRESS' | 'IPV6_ADDRESS' | 'MUTEX' | 'PROCESS' | 'URL';
  Value?: string;
  Category?: 'BACKDOOR' | 'CARD_STEALER' | 'COMMAND_AND_CONTROL' | 'DROP_SITE' | 'EXPLOIT_SITE' | 'KEYLOGGER';
  LastObservedAt?: string;
  Source?: string;
  SourceUrl?: string;
}

/** A line, offset or column range of sensitive data. */
export interface Range {
  Start?: number;
  End?: number;
  StartColumn?: number;
}

/** Where sensitive data occurs in a file. */
export interface Occurrences {
  LineRanges?: Range[];
  OffsetRanges?: Range[];
  Pages?: Array<{ PageNumber?: number; LineRange?: Range; OffsetRange?: Range }>;
  Records?: Array<{ JsonPath?: string; RecordIndex?: number }>;
  Cells?: Array<{ Column?: number; Row?: number; ColumnName?: string; CellReference?: string }>;
}

/** Sensitive data found on a resource (Macie). */
export interface DataClassification {
  DetailedResultsLocation?: string;
  Result?: {
    MimeType?: string;
    SizeClassified?: number;
    AdditionalOccurrences?: boolean;
    Status?: { Code?: string; Reason?: string };
    SensitiveData?: Array<{
      Category?: string;
      Detections?: Array<{ Count?: number; Type?: string; Occurrences?: Occurrences }>;
      TotalCount?: number;
    }>;
    CustomDataIdentifiers?: {
      Detections?: Array<{ Count?: number; Arn?: string; Name?: string; Occurrences?: Occurrences }>;
      TotalCount?: number;
    };
  };
}

/** A software package with a vulnerability. */
export interface SoftwarePackage {
  Name?: string;
  Version?: string;
  Epoch?: string;
  Release?: string;
  Architecture?: string;
  PackageManager?: string;
  FilePath?: string;
  FixedInVersion?: string;
  Remediation?: string;
  SourceLayerHash?: string;
  SourceLayerArn?: string;
}

/** A vulnerability (CVE…) of a finding. */
export interface Vulnerability {
  Id: string;
  VulnerablePackages?: SoftwarePackage[];
  Cvss?: Array<{
    Version?: string;
    BaseScore?: number;
    BaseVector?: string;
    Source?: string;
    Adjustments?: Array<{ Metric?: string; Reason?: string }>;
  }>;
  RelatedVulnerabilities?: string[];
  Vendor?: { Name: string; Url?: string; VendorSeverity?: string; VendorCreatedAt?: string; VendorUpdatedAt?: string };
  ReferenceUrls?: string[];
  FixAvailable?: 'YES' | 'NO' | 'PARTIAL';
  EpssScore?: number;
  ExploitAvailable?: 'YES' | 'NO';
  LastKnownExploitAt?: string;
  CodeVulnerabilities?: Array<{
    Cwes?: string[];
    FilePath?: { EndLine?: number; FileName?: string; FilePath?: string; StartLine?: number };
    SourceArn?: string;
  }>;
}

/** Patch compliance of an instance. */
export interface PatchSummary {
  Id: string;
  InstalledCount?: number;
  MissingCount?: number;
  FailedCount?: number;
  InstalledOtherCount?: number;
  InstalledRejectedCount?: number;
  InstalledPendingReboot?: number;
  OperationStartTime?: string;
  OperationEndTime?: string;
  RebootOption?: string;
  Operation?: string;
}

/** Remote IP details of an action. */
export interface ActionRemoteIpDetails {
  IpAddressV4?: string;
  Organization?: { Asn?: number; AsnOrg?: string; Isp?: string; Org?: string };
  Country?: { CountryCode?: string; CountryName?: string };
  City?: { CityName?: string };
  GeoLocation?: { Lon?: number; Lat?: number };
}

/** A port and its name. */
export interface ActionPortDetails {
  Port?: number;
  PortName?: string;
}

/** An action that affected or was taken on a resource (GuardDuty). */
export interface Action {
  ActionType?: string;
  NetworkConnectionAction?: {
    ConnectionDirection?: string;
    RemoteIpDetails?: ActionRemoteIpDetails;
    RemotePortDetails?: ActionPortDetails;
    LocalPortDetails?: ActionPortDetails;
    Protocol?: string;
    Blocked?: boolean;
  };
  AwsApiCallAction?: {
    Api?: string;
    ServiceName?: string;
    CallerType?: string;
    RemoteIpDetails?: ActionRemoteIpDetails;
    DomainDetails?: { Domain?: string };
    AffectedResources?: Record<string, string>;
    FirstSeen?: string;
    LastSeen?: string;
  };
  DnsRequestAction?: { Domain?: string; Protocol?: string; Blocked?: boolean };
  PortProbeAction?: {
    PortProbeDetails?: Array<{
      LocalPortDetails?: ActionPortDetails;
      LocalIpDetails?: { IpAddressV4?: string };
      RemoteIpDetails?: ActionRemoteIpDetails;
    }>;
    Blocked?: boolean;
  };
}

/** A key/values indicator of a detection signal or sequence. */
export interface Indicator {
  Key?: string;
  Values?: string[];
  Title?: string;
  Type?: string;
}

/** A GuardDuty Extended Threat Detection attack sequence. */
export interface Detection {
  Sequence?: {
    Uid?: string;
    Actors?: Array<{
      Id?: string;
      User?: { Name?: string; Uid?: string; Type?: string; CredentialUid?: string; Account?: { Uid?: string; Name?: string } };
      Session?: { Uid?: string; MfaStatus?: 'ENABLED' | 'DISABLED'; CreatedTime?: number; Issuer?: string };
    }>;
    Endpoints?: Array<{
      Id?: string;
      Ip?: string;
      Domain?: string;
      Port?: number;
      Location?: { City?: string; Country?: string; Lat?: number; Lon?: number };
      AutonomousSystem?: { Name?: string; Number?: number };
      Connection?: { Direction?: 'INBOUND' | 'OUTBOUND' };
    }>;
    Signals?: Array<{
      Type?: string;
      Id?: string;
      Title?: string;
      ProductArn?: string;
      ResourceIds?: string[];
      SignalIndicators?: Indicator[];
      Name?: string;
      CreatedAt?: number;
      UpdatedAt?: number;
      FirstSeenAt?: number;
      LastSeenAt?: number;
      Severity?: number;
      Count?: number;
      ActorIds?: string[];
      EndpointIds?: string[];
    }>;
    SequenceIndicators?: Indicator[];
  };
}
