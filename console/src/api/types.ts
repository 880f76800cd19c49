/** Wire shapes of our own operations (not in `@aws-sdk/client-securityhub`'s model). */

/** A score with its control counts (GetSecurityScores). */
export interface ScoreCounts {
  Score: number | null;
  Passed: number;
  Failed: number;
  Unknown: number;
  NoData: number;
  Disabled: number;
}

/** Scores of one scope. */
export interface ScopeScores {
  SummaryScore: ScoreCounts;
  StandardsScores: Array<ScoreCounts & { StandardsArn: string }>;
}

/** One snapshot: org-wide, and per account and Region where the API has them. */
export interface ScoreSnapshot extends ScopeScores {
  TakenAt: string;
  ControlStatuses?: Record<string, string>;
  AccountScores?: Array<ScopeScores & { AccountId: string }>;
  RegionScores?: Array<ScopeScores & { Region: string }>;
  Demo?: boolean;
}

/** GetSecurityScores output. */
export interface SecurityScores {
  Current: ScoreSnapshot;
  History?: ScoreSnapshot[];
}

/** GetFindingGroups output. */
export interface FindingGroups {
  Groups: Array<{ GroupByAttribute: string; ResultValues: Array<{ GroupByAttributeValue: string; Count: number }> }>;
  Total: number;
}

/** A remediation record (ListRemediations / GetRemediation). */
export interface RemediationRecord {
  remediationId: string;
  playbookId: string;
  status: string;
  requestedBy?: string;
  startedAt?: string;
  endedAt?: string;
  summary?: string;
  executionArn?: string;
  dryRun?: boolean;
  decision?: { approved: boolean; by: string; at: string; reason?: string };
  finding?: { Id: string; ProductArn: string };
  [key: string]: unknown;
}

/** Paths of our own operations. */
export const OWN = {
  scores: '/compliance/scores',
  groups: '/findings/groups',
  startRemediation: '/remediations/start',
  listRemediations: '/remediations/list',
  getRemediation: '/remediations/get',
  approveRemediation: '/remediations/approve',
  rejectRemediation: '/remediations/reject',
  report: '/reports/posture',
  sendToActionTarget: '/actionTargets/send',
} as const;
