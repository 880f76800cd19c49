/**
 * The services each group of API operations needs besides the findings store: members of
 * {@link ApiServices} (./operation). Here, not beside their operations, so that the operation
 * registry's types and the operation files do not import each other.
 */
import type { PlaybookExecutionInput, RemediationRecordRepository, RemediationSettingsRepository, TaskTokenClient, AwaitingApprovals } from '../remediation';
import type { HubRepository } from '../hub';
import type { AggregatorRepository } from '../aggregation';
import type { OrganizationRepository } from '../organization';
import type { ConfigurationPolicyRepository, OrganizationView } from '../compliance';
import type { FindingsStore } from '../store';
import type {
  ActionTargetRepository,
  AlertDecisions,
  AlertGroups,
  AutomationRule,
  AutomationRuleRepository,
  CodeRuleStamps,
  CustomActionEntry,
  FindingsFinder,
  RuleRunStore,
} from '../triage';

/** What the custom-action operations need besides the findings store. */
export interface ActionTargetServices {
  store: ActionTargetRepository;
  /** The app's bus (`EVENT_BUS_NAME`); undefined where none is configured (sending then fails). */
  eventBusName?: string;
  /** PutEvents: the answer's failed count and per-entry errors. */
  putEvents(entries: CustomActionEntry[]): Promise<{ FailedEntryCount?: number; Entries?: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }> }>;
}

/** What the automation-rule operations work on. */
export interface AutomationRuleServices {
  /** The rules created through the API. */
  repository: AutomationRuleRepository;
  /** The deployed rules-as-code (read-only). */
  codeRules: readonly AutomationRule[];
  /** The findings store, for dry-runs and re-application. */
  findings: RuleRunStore;
  /** Gives the rules-as-code the times they first appeared and last changed (the epoch without it). */
  codeRuleStamps?: CodeRuleStamps;
  now?: () => Date;
}

/** What the hub operations work on. */
export interface HubServices {
  repository: HubRepository;
  now?: () => Date;
}

/** What the remediation operations need. */
export interface RemediationServices {
  records: RemediationRecordRepository;
  settings: RemediationSettingsRepository;
  tasks: TaskTokenClient;
  now?: () => Date;
  /** The approval waits (their reminders stop once decided). */
  awaiting?: AwaitingApprovals;
}

/** What the alert operations need. */
export interface AlertServices {
  decisions: AlertDecisions;
  groups: AlertGroups;
  now?: () => Date;
}

/** What the console's operations need. */
export interface ConsoleServices {
  /** Pages through the findings matching filters (the findings store's `forEachFindingPage`) and reads one finding by identifier. */
  findings: FindingsFinder & Pick<FindingsStore, 'getFindings'>;
  /** Without it StartRemediation answers 500. */
  remediations?: RemediationStarter;
}

/** Starts playbook executions (Step Functions StartExecution). */
export interface RemediationStarter {
  /** `{playbookId: state machine ARN}` (`REMEDIATION_STATE_MACHINES`). */
  stateMachines: Record<string, string>;
  /** The linked Regions with a playbook stack (`REMEDIATION_PLAYBOOK_REGIONS`): a finding of one runs there. */
  playbookRegions?: readonly string[];
  /** Starts one execution (in the state machine's Region); resolves to its ARN, undefined when the state machine does not exist. */
  startExecution(stateMachineArn: string, name: string, input: PlaybookExecutionInput): Promise<string | undefined>;
}

/** What the organization and member operations work on. */
export interface OrganizationServices {
  repository: OrganizationRepository;
  now?: () => Date;
}

/** What the configuration policy operations (central configuration) work on. */
export interface ConfigurationPolicyServices {
  repository: ConfigurationPolicyRepository;
  /** The organization's root, OUs and accounts (their paths, for inheritance). */
  organization: OrganizationView;
  now?: () => Date;
  /** New policy ids (UUIDs); `crypto.randomUUID` without it. */
  newId?: () => string;
}

/** What the finding-aggregator operations work on. */
export interface AggregationServices {
  repository: AggregatorRepository;
  /** The id of a new aggregator's ARN (a UUID by default). */
  newId?: () => string;
}
