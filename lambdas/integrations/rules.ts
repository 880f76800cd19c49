/**
 * Which destinations take a finding: each destination's rules in the automation rules' criteria
 * language (compiled by the same matcher, lambdas/filters), plus an optional priority floor.
 * Pure.
 */
import type { AwsSecurityFinding } from '../asff';
import { compileFilters } from '../filters';
import { priorityOf } from '../triage';
import type { DestinationConfig, IntegrationRule } from './config';

/** True when one of the destination's rules takes the finding (`priority` overrides the finding's, e.g. an alert's attribute). */
export function ruleMatches(rule: IntegrationRule, finding: AwsSecurityFinding | undefined, now: Date, priority?: number): boolean {
  if (finding === undefined) {
    // An alert about no finding we can read: only rules without criteria can take it.
    if (Object.keys(rule.Criteria).length > 0) return false;
  } else if (!compileFilters(rule.Criteria, now)(finding)) return false;
  if (rule.PriorityAtLeast === undefined) return true;
  const score = priority ?? (finding && priorityOf(finding).score);
  return score !== undefined && score >= rule.PriorityAtLeast;
}

/** True when any rule of the destination takes the finding. */
export function destinationTakes(destination: DestinationConfig, finding: AwsSecurityFinding | undefined, now: Date, priority?: number): boolean {
  return destination.rule.some((rule) => ruleMatches(rule, finding, now, priority));
}

/** Resolved in the sense that closes tickets and incidents: workflow RESOLVED, record ARCHIVED, or control PASSED. */
export function isResolved(finding: AwsSecurityFinding): boolean {
  return finding.Workflow?.Status === 'RESOLVED' || finding.RecordState === 'ARCHIVED' || finding.Compliance?.Status === 'PASSED';
}

/** Open for a new ticket: not resolved, not suppressed. */
export function isOpen(finding: AwsSecurityFinding): boolean {
  return !isResolved(finding) && finding.Workflow?.Status !== 'SUPPRESSED';
}
