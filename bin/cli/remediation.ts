/**
 * `sechub remediate --finding-id ID [--product-arn ARN] [--playbook ID] [--dry-run] [--approve] [--wait]`:
 * finds the finding through the API, picks its playbook from the registry (or takes --playbook),
 * starts that playbook's state machine through Step Functions (the embedded default's, or the
 * deployed one) and, with --wait, prints the outcome, the record, state transitions and wall time.
 * A remediation that waits for approval is printed as such (approve it with `sechub approve-remediation`).
 */
import { DescribeExecutionCommand, ListStateMachinesCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetFindingsCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { PlaybookExecutionInput } from '../../lambdas/remediation';
import { findingRegionOf, playbookById, regionalPlaybookName, stepFunctionsRegionOf } from '../../lambdas/remediation';
import { selectPlaybook } from '../../lambdas/remediation';
import type { AwsSecurityFinding } from '../../lambdas/asff';
import { executionHistory, summarizeHistory } from './compliance-evaluation';
import { sendOwnOperation } from './own-operations';
import { ServiceError } from './values';

/** Options of {@link startRemediation}. */
export interface RemediateOptions {
  findingId: string;
  productArn?: string;
  playbookId?: string;
  dryRun?: boolean;
  approve?: boolean;
  wait?: boolean;
  stateMachineArn?: string;
  /**
   * A Step Functions client in another Region: with it, a finding of a linked Region whose regional
   * playbook stack runs there (docs/regions.md) is remediated there, as the dispatcher does.
   */
  clientIn?: (region: string) => Promise<SFNClient>;
  /** Who asks (`cli:<user>`). */
  requestedBy?: string;
  /** Between polls. Default 500 ms. */
  pollMs?: number;
  /** Give up waiting after this long. Default 10 minutes. */
  timeoutMs?: number;
}

const compact = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The playbook's state machine among the account's: its name contains "remediation" and the playbook id (any case, any separators). */
export function stateMachineFor(names: ReadonlyArray<{ name?: string; stateMachineArn?: string }>, playbookId: string): string | undefined {
  const wanted = compact(playbookId);
  const matches = names.filter((machine) => {
    const name = compact(machine.name ?? '');
    return name.includes('remediation') && name.includes(wanted);
  });
  // The shortest name is the exact one when another playbook's id contains this one.
  return matches.sort((a, b) => (a.name ?? '').length - (b.name ?? '').length)[0]?.stateMachineArn;
}

/**
 * The regional playbook stack's state machine of `playbookId` in `region` among those listed: the
 * known name ({@link regionalPlaybookName}) with an ARN in that Region.
 */
export function regionalStateMachineFor(names: ReadonlyArray<{ name?: string; stateMachineArn?: string }>, playbookId: string, region: string): string | undefined {
  const name = regionalPlaybookName(playbookId);
  return names.find((machine) => machine.name === name && machine.stateMachineArn !== undefined && stepFunctionsRegionOf(machine.stateMachineArn) === region)?.stateMachineArn;
}

/**
 * Where the playbook runs, and the client that starts and follows it: `--state-machine-arn` as
 * given; else the finding's Region's regional stack when `clientIn` reaches one there; else the
 * home Region's (whose Check refuses a resource of another Region with its reason).
 */
async function placeRemediation(home: SFNClient, playbookId: string, finding: AwsSecurityFinding, options: RemediateOptions): Promise<{ stateMachineArn: string; sfn: SFNClient }> {
  if (options.stateMachineArn !== undefined) return { stateMachineArn: options.stateMachineArn, sfn: home };
  const region = findingRegionOf(finding);
  if (options.clientIn !== undefined && region !== undefined && region !== (await home.config.region())) {
    const regional = await options.clientIn(region);
    const stateMachineArn = regionalStateMachineFor(await listStateMachines(regional), playbookId, region);
    if (stateMachineArn !== undefined) return { stateMachineArn, sfn: regional };
  }
  const stateMachineArn = stateMachineFor(await listStateMachines(home), playbookId);
  if (stateMachineArn === undefined) throw new ServiceError('ResourceNotFoundException', `No state machine of playbook ${playbookId} found (pass --state-machine-arn)`);
  return { stateMachineArn, sfn: home };
}

async function findFinding(client: SecurityHubClient, findingId: string, productArn: string | undefined): Promise<AwsSecurityFinding> {
  const Filters = { Id: [{ Value: findingId, Comparison: 'EQUALS' as const }], ...(productArn && { ProductArn: [{ Value: productArn, Comparison: 'EQUALS' as const }] }) };
  const { Findings = [] } = await client.send(new GetFindingsCommand({ Filters, MaxResults: 2 }));
  if (Findings.length === 0) throw new ServiceError('ResourceNotFoundException', `No finding ${findingId}${productArn ? ` of ${productArn}` : ''}`);
  if (Findings.length > 1) throw new ServiceError('InvalidInputException', `Several products have a finding ${findingId}: pass --product-arn`);
  return Findings[0] as unknown as AwsSecurityFinding;
}

async function listStateMachines(sfn: SFNClient) {
  const machines: Array<{ name?: string; stateMachineArn?: string }> = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListStateMachinesCommand({ nextToken }));
    machines.push(...(page.stateMachines ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return machines;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a remediation; with `wait`, follows it to its end (or to its approval wait). */
export async function startRemediation(securityHub: SecurityHubClient, home: SFNClient, options: RemediateOptions): Promise<Record<string, unknown>> {
  const finding = await findFinding(securityHub, options.findingId, options.productArn);
  const playbook = options.playbookId !== undefined ? playbookById(options.playbookId) : selectPlaybook(finding);
  if (playbook === undefined) {
    throw new ServiceError(
      options.playbookId !== undefined ? 'ResourceNotFoundException' : 'InvalidInputException',
      options.playbookId !== undefined
        ? `No playbook ${options.playbookId}`
        : `No playbook remediates finding ${finding.Id} (control ${finding.Compliance?.SecurityControlId ?? '-'}, types ${(finding.Types ?? []).join(', ')})`,
    );
  }
  const { stateMachineArn, sfn } = await placeRemediation(home, playbook.id, finding, options);
  const input: PlaybookExecutionInput = {
    finding: { Id: finding.Id, ProductArn: finding.ProductArn },
    dryRun: options.dryRun === true,
    approved: options.approve === true,
    requestedBy: options.requestedBy ?? `cli:${safeUser()}`,
  };
  const name = `cli-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
  const started = Date.now();
  const { executionArn, startDate } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  const base = { remediationId: name, playbookId: playbook.id, executionArn, startDate };
  if (!options.wait) return base;
  const deadline = started + (options.timeoutMs ?? 600_000);
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
      const events = await executionHistory(sfn, executionArn!);
      const record = await remediationRecord(securityHub, name);
      return {
        ...base,
        status: execution.status,
        ...(execution.output !== undefined && { output: JSON.parse(execution.output) as unknown }),
        ...(execution.error !== undefined && { error: execution.error, cause: execution.cause }),
        ...(record !== undefined && { remediation: record }),
        stateTransitions: summarizeHistory(events).stateTransitions,
        wallMs: Date.now() - started,
      };
    }
    const record = await remediationRecord(securityHub, name);
    if (record?.status === 'AWAITING_APPROVAL') {
      return {
        ...base,
        status: 'AWAITING_APPROVAL',
        remediation: record,
        next: `sechub approve-remediation --remediation-id ${name} (or reject-remediation)`,
        wallMs: Date.now() - started,
      };
    }
    if (Date.now() > deadline) return { ...base, status: 'RUNNING', note: 'still running; stopped waiting', wallMs: Date.now() - started };
    await sleep(options.pollMs ?? 500);
  }
}

async function remediationRecord(client: SecurityHubClient, remediationId: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await sendOwnOperation(client, '/remediations/get', { RemediationId: remediationId })).Remediation as Record<string, unknown>;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
