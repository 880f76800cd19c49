import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  AcceptAdministratorInvitationCommand,
  AccessDeniedException,
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  CreateInsightCommand,
  CreateMembersCommand,
  DeclineInvitationsCommand,
  DeleteInvitationsCommand,
  DeleteMembersCommand,
  DescribeOrganizationConfigurationCommand,
  DisableOrganizationAdminAccountCommand,
  DisassociateMembersCommand,
  EnableOrganizationAdminAccountCommand,
  GetAdministratorAccountCommand,
  GetFindingHistoryCommand,
  GetFindingsCommand,
  GetInsightResultsCommand,
  GetInvitationsCountCommand,
  GetMasterAccountCommand,
  GetMembersCommand,
  InvalidInputException,
  InviteMembersCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  ListOrganizationAdminAccountsCommand,
  ResourceNotFoundException,
  SecurityHubClient,
  UpdateOrganizationConfigurationCommand,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountOrganizationPath, organizationStoreOn, organizationsReader, syncMembership } from '../../../lambdas/organization';
import { LOCAL_ACCOUNT_ID, LOCAL_TABLES } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { aFinding } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const ADMIN = LOCAL_ACCOUNT_ID;
const MEMBER = '111111111111';
const OTHER_MEMBER = '333333333333';
const LATE = '222222222222';
const STRANGER = '999999999999';
/** The simulated member account: its account settings' control findings arrive at start, so it is a member from the start. */
const SEED = '123456789012';

const productOf = (account: string) => `arn:aws:securityhub:us-east-1:${account}:product/${account}/default`;
const findingOf = (account: string, id: string) => aFinding({ Id: id, AwsAccountId: account, ProductArn: productOf(account) }) as unknown as AwsSecurityFinding;
const byId = (id: string) => ({ Id: [{ Value: id, Comparison: 'EQUALS' as const }] });

describe('the organization on the embedded default, through @aws-sdk/client-securityhub', () => {
  let local: EmbeddedDefault;
  let admin: SecurityHubClient;
  let member: SecurityHubClient;
  let stranger: SecurityHubClient;
  let events: EventBridgeClient;
  let sqs: SQSClient;

  /** A client signing as `accessKeyId` (a 12-digit key id is a user of that account, docs/organization.md). */
  const clientAs = (accessKeyId: string) =>
    new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'local' }, maxAttempts: 1 });

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-org-')), retryBackoffMs: 5, schedules: false });
    admin = clientAs('local');
    member = clientAs(MEMBER);
    stranger = clientAs(STRANGER);
    const config = { endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    events = new EventBridgeClient(config);
    sqs = new SQSClient(config);
  }, 120_000);

  afterAll(async () => {
    for (const client of [admin, member, stranger, events, sqs]) client?.destroy();
    await local?.stop();
  });

  describe('the organization configuration and the administrator', () => {
    it('starts with local configuration and new accounts auto-enabled', async () => {
      const configuration = await admin.send(new DescribeOrganizationConfigurationCommand({}));
      expect(configuration).toMatchObject({
        AutoEnable: true,
        AutoEnableStandards: 'DEFAULT',
        MemberAccountLimitReached: false,
        OrganizationConfiguration: { ConfigurationType: 'LOCAL', Status: 'ENABLED' },
      });
    });

    it('has synced the local AWS Organizations at start: the root and the simulated account’s OU path, before any hourly run', async () => {
      const dynamo = new DynamoDBClient({ endpoint: local.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      try {
        const repository = organizationStoreOn(dynamo, LOCAL_TABLES.findings);
        expect(await repository.get()).toMatchObject({ rootId: 'r-demo', syncedAt: expect.any(String) });
        expect(await accountOrganizationPath(repository, SEED)).toEqual(['r-demo']);
      } finally {
        dynamo.destroy();
      }
    });

    it('designates the account it runs in as the delegated administrator, and lists it', async () => {
      const enabled = await admin.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }));
      const listed = await admin.send(new ListOrganizationAdminAccountsCommand({}));
      expect(enabled).toMatchObject({ AdminAccountId: ADMIN, Feature: 'SecurityHub' });
      expect(listed.AdminAccounts).toEqual([{ AccountId: ADMIN, Status: 'ENABLED' }]);
    });

    it('refuses another account as administrator, and a malformed account id, naming AdminAccountId', async () => {
      await expect(admin.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: MEMBER }))).rejects.toThrow(InvalidInputException);
      await expect(admin.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: '12345' }))).rejects.toThrow(
        /'AdminAccountId': '12345' is not a 12-digit AWS account id/,
      );
      await expect(admin.send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: MEMBER }))).rejects.toThrow(/not the organization's delegated administrator/);
    });

    it('refuses a configuration Security Hub refuses: AutoEnable missing, CENTRAL with AutoEnable, an unknown ConfigurationType', async () => {
      await expect(admin.send(new UpdateOrganizationConfigurationCommand({} as never))).rejects.toThrow(/Missing required parameter 'AutoEnable'/);
      await expect(admin.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: true, OrganizationConfiguration: { ConfigurationType: 'CENTRAL' } }))).rejects.toThrow(
        /'AutoEnable': must be false when OrganizationConfiguration.ConfigurationType is CENTRAL/,
      );
      await expect(
        admin.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: false, OrganizationConfiguration: { ConfigurationType: 'GLOBAL' as never } })),
      ).rejects.toThrow(/'OrganizationConfiguration.ConfigurationType': 'GLOBAL' is not one of LOCAL, CENTRAL/);
    });
  });

  describe('membership on first contact (AutoEnable)', () => {
    it('makes an account that sends a finding a member, Enabled, under the administrator', async () => {
      const imported = await admin.send(
        new BatchImportFindingsCommand({ Findings: [findingOf(MEMBER, 'org-member-1'), findingOf(OTHER_MEMBER, 'org-other-1'), findingOf(ADMIN, 'org-admin-1')] }),
      );
      const members = await admin.send(new GetMembersCommand({ AccountIds: [MEMBER, OTHER_MEMBER, STRANGER] }));

      expect(imported).toMatchObject({ SuccessCount: 3, FailedCount: 0 });
      expect(members.Members?.map((entry) => [entry.AccountId, entry.MemberStatus, entry.AdministratorId])).toEqual([
        [MEMBER, 'Enabled', ADMIN],
        [OTHER_MEMBER, 'Enabled', ADMIN],
      ]);
      expect(members.UnprocessedAccounts).toEqual([{ AccountId: STRANGER, ProcessingResult: `Account ${STRANGER} is not a member of this administrator.` }]);
    });

    it('lists members a page at a time, and refuses a NextToken it did not issue', async () => {
      const pages: string[][] = [];
      let NextToken: string | undefined;
      do {
        const page = await admin.send(new ListMembersCommand({ MaxResults: 1, NextToken }));
        pages.push(page.Members?.map((entry) => entry.AccountId ?? '') ?? []);
        NextToken = page.NextToken;
      } while (NextToken !== undefined);

      expect(pages).toEqual([[MEMBER], [SEED], [OTHER_MEMBER]]);
      await expect(admin.send(new ListMembersCommand({ NextToken: 'forged' }))).rejects.toThrow(/'NextToken': not a token this operation issued/);
      await expect(admin.send(new ListMembersCommand({ MaxResults: 51 }))).rejects.toThrow(InvalidInputException);
    });
  });

  describe('who may see what', () => {
    it('shows a member account its own findings only, and the administrator every account', async () => {
      const mine = await member.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'org-', Comparison: 'PREFIX' }] } }));
      const asked = await member.send(new GetFindingsCommand({ Filters: { AwsAccountId: [{ Value: OTHER_MEMBER, Comparison: 'EQUALS' }] } }));
      const all = await admin.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'org-', Comparison: 'PREFIX' }] } }));

      expect(mine.Findings?.map((finding) => finding.Id)).toEqual(['org-member-1']);
      expect(asked.Findings).toEqual([]);
      expect(all.Findings?.map((finding) => finding.Id).sort()).toEqual(['org-admin-1', 'org-member-1', 'org-other-1']);
    });

    it('ignores headers a client adds to claim another identity: only the signature names the caller', async () => {
      member.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { headers: Record<string, string> };
          Object.assign(request.headers, { 'x-amz-account-id': ADMIN, 'x-amzn-caller-arn': `arn:aws:iam::${ADMIN}:root`, 'x-amz-security-token': 'admin' });
          return next(args);
        },
        { step: 'build', name: 'forgedIdentity' },
      );
      try {
        const forged = await member.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'org-', Comparison: 'PREFIX' }] } }));
        expect(forged.Findings?.map((finding) => finding.Id)).toEqual(['org-member-1']);
        await expect(member.send(new ListMembersCommand({}))).rejects.toThrow(AccessDeniedException);
      } finally {
        member.middlewareStack.remove('forgedIdentity');
      }
    });

    it("refuses a member's update of another account's finding as not found, and updates its own", async () => {
      const updated = await member.send(
        new BatchUpdateFindingsCommand({
          FindingIdentifiers: [
            { Id: 'org-member-1', ProductArn: productOf(MEMBER) },
            { Id: 'org-other-1', ProductArn: productOf(OTHER_MEMBER) },
          ],
          Workflow: { Status: 'NOTIFIED' },
        }),
      );
      const other = await admin.send(new GetFindingsCommand({ Filters: byId('org-other-1') }));

      expect(updated.ProcessedFindings).toEqual([{ Id: 'org-member-1', ProductArn: productOf(MEMBER) }]);
      expect(updated.UnprocessedFindings).toEqual([
        { FindingIdentifier: { Id: 'org-other-1', ProductArn: productOf(OTHER_MEMBER) }, ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' },
      ]);
      expect(other.Findings?.[0].Workflow?.Status).toBe('NEW');
    });

    it("gives a member its own findings' history and none of another account's", async () => {
      const own = await member.send(new GetFindingHistoryCommand({ FindingIdentifier: { Id: 'org-member-1', ProductArn: productOf(MEMBER) } }));
      const others = await member.send(new GetFindingHistoryCommand({ FindingIdentifier: { Id: 'org-other-1', ProductArn: productOf(OTHER_MEMBER) } }));

      expect(own.Records?.length).toBeGreaterThan(0);
      expect(others.Records).toEqual([]);
    });

    it("refuses a member's import of another account's finding and takes its own", async () => {
      const imported = await member.send(new BatchImportFindingsCommand({ Findings: [findingOf(MEMBER, 'org-member-2'), findingOf(OTHER_MEMBER, 'org-forged-1')] }));

      expect(imported).toMatchObject({ SuccessCount: 1, FailedCount: 1 });
      expect(imported.FailedFindings).toEqual([
        {
          Id: 'org-forged-1',
          ErrorCode: 'AccessDeniedException',
          ErrorMessage: `AwsAccountId is ${OTHER_MEMBER}: member account ${MEMBER} may import findings of its own account only`,
        },
      ]);
    });

    it("counts a member's insight results over its own findings only", async () => {
      const { InsightArn } = await admin.send(
        new CreateInsightCommand({ Name: 'org accounts', Filters: { Id: [{ Value: 'org-', Comparison: 'PREFIX' }] }, GroupByAttribute: 'AwsAccountId' }),
      );
      const asMember = await member.send(new GetInsightResultsCommand({ InsightArn }));
      const asAdmin = await admin.send(new GetInsightResultsCommand({ InsightArn }));

      expect(asMember.InsightResults?.ResultValues).toEqual([{ GroupByAttributeValue: MEMBER, Count: 2 }]);
      expect(asAdmin.InsightResults?.ResultValues?.map((value) => value.GroupByAttributeValue).sort()).toEqual([ADMIN, MEMBER, OTHER_MEMBER]);
    });

    it("answers AccessDeniedException to a member calling the administrator's operations", async () => {
      await expect(member.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: STRANGER }] }))).rejects.toThrow(
        /Account 111111111111 is a member account: CreateMembers is for the administrator account only/,
      );
      await expect(member.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: false }))).rejects.toThrow(AccessDeniedException);
    });

    it('answers AccessDeniedException to an account that is not a member', async () => {
      await expect(stranger.send(new GetFindingsCommand({}))).rejects.toThrow(/Account 999999999999 is not an associated member of the organization administered by 000000000000/);
    });

    it('names the administrator to a member, and none to the administrator', async () => {
      const asMember = await member.send(new GetAdministratorAccountCommand({}));
      const legacy = await member.send(new GetMasterAccountCommand({}));
      const asAdmin = await admin.send(new GetAdministratorAccountCommand({}));

      expect(asMember.Administrator).toMatchObject({ AccountId: ADMIN, MemberStatus: 'Enabled' });
      expect(legacy.Master).toEqual(asMember.Administrator);
      expect(asAdmin.Administrator).toBeUndefined();
    });
  });

  describe('invitations, as for organization-managed members', () => {
    it('has none to list, count, accept, decline or delete, and invites nobody', async () => {
      expect((await member.send(new ListInvitationsCommand({}))).Invitations).toEqual([]);
      expect((await member.send(new GetInvitationsCountCommand({}))).InvitationsCount).toBe(0);
      await expect(member.send(new AcceptAdministratorInvitationCommand({ AdministratorId: ADMIN, InvitationId: 'x' }))).rejects.toThrow(ResourceNotFoundException);
      const declined = await member.send(new DeclineInvitationsCommand({ AccountIds: [ADMIN] }));
      const deleted = await member.send(new DeleteInvitationsCommand({ AccountIds: [ADMIN] }));
      const invited = await admin.send(new InviteMembersCommand({ AccountIds: [MEMBER, STRANGER] }));

      expect(declined.UnprocessedAccounts?.[0]).toMatchObject({ AccountId: ADMIN, ProcessingResult: expect.stringMatching(/^No invitation from account 000000000000/) });
      expect(deleted.UnprocessedAccounts).toHaveLength(1);
      expect(invited.UnprocessedAccounts?.map((entry) => entry.ProcessingResult)).toEqual([
        expect.stringMatching(/account 111111111111 is a member already/),
        expect.stringMatching(/use CreateMembers to make account 999999999999 a member/),
      ]);
    });

    it('refuses a malformed account id naming its position', async () => {
      await expect(admin.send(new DeclineInvitationsCommand({ AccountIds: [ADMIN, 'abc'] }))).rejects.toThrow(/'AccountIds\[1\]': 'abc' is not a 12-digit AWS account id/);
    });
  });

  describe('with AutoEnable off', () => {
    beforeAll(async () => {
      await admin.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: false }));
    });

    it('refuses a finding of an account that is not a member, and stores nothing of it', async () => {
      const imported = await admin.send(new BatchImportFindingsCommand({ Findings: [findingOf(LATE, 'org-late-1'), findingOf(MEMBER, 'org-member-3')] }));
      const stored = await admin.send(new GetFindingsCommand({ Filters: byId('org-late-1') }));

      expect(imported).toMatchObject({ SuccessCount: 1, FailedCount: 1 });
      expect(imported.FailedFindings).toEqual([
        {
          Id: 'org-late-1',
          ErrorCode: 'AccessDeniedException',
          ErrorMessage: `Account ${LATE} is not a member (AutoEnable is off): the administrator accepts findings only from associated member accounts`,
        },
      ]);
      expect(stored.Findings).toEqual([]);
    });

    it("dead-letters a non-member account's event with the reason", async () => {
      await events.send(
        new PutEventsCommand({
          Entries: [{ Source: 'com.example.scanner', DetailType: 'Findings Import', Detail: JSON.stringify({ findings: [findingOf(LATE, 'org-late-event-1')] }) }],
        }),
      );
      await local.idle();

      const name = Object.values(local.model.queues).find((queue) => queue.name.endsWith('AsffDeadLetters'))?.name;
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      const record = JSON.parse(Messages[0]?.Body ?? '{}');
      expect(record.responsePayload).toMatchObject({
        errorType: 'FindingsRejectedError',
        errorMessage: expect.stringContaining(`org-late-event-1: AccessDeniedException Account ${LATE} is not a member (AutoEnable is off)`),
      });
      expect((await admin.send(new GetFindingsCommand({ Filters: byId('org-late-event-1') }))).Findings).toEqual([]);
    });

    it('accepts the account once CreateMembers makes it a member', async () => {
      const created = await admin.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: LATE, Email: 'late@example.com' }, { AccountId: ADMIN }] }));
      const imported = await admin.send(new BatchImportFindingsCommand({ Findings: [findingOf(LATE, 'org-late-2')] }));

      expect(created.UnprocessedAccounts).toEqual([{ AccountId: ADMIN, ProcessingResult: 'The administrator account cannot be a member of itself.' }]);
      expect(imported).toMatchObject({ SuccessCount: 1, FailedCount: 0 });
    });

    it('refuses a disassociated member, lists it only without OnlyAssociated, and refuses a non-member to disassociate', async () => {
      await admin.send(new DisassociateMembersCommand({ AccountIds: [LATE] }));
      const imported = await admin.send(new BatchImportFindingsCommand({ Findings: [findingOf(LATE, 'org-late-3')] }));
      const associated = await admin.send(new ListMembersCommand({}));
      const everyone = await admin.send(new ListMembersCommand({ OnlyAssociated: false }));

      expect(imported.FailedFindings?.[0]).toMatchObject({
        ErrorCode: 'AccessDeniedException',
        ErrorMessage: expect.stringContaining(`Account ${LATE} is a member with status Removed`),
      });
      expect(associated.Members?.map((entry) => entry.AccountId)).toEqual([MEMBER, SEED, OTHER_MEMBER]);
      expect(everyone.Members?.map((entry) => [entry.AccountId, entry.MemberStatus])).toEqual([
        [MEMBER, 'Enabled'],
        [SEED, 'Enabled'],
        [LATE, 'Removed'],
        [OTHER_MEMBER, 'Enabled'],
      ]);
      await expect(admin.send(new DisassociateMembersCommand({ AccountIds: [STRANGER] }))).rejects.toThrow(/999999999999 is not a member/);
    });

    it('deletes members, answering the accounts that were not members', async () => {
      const deleted = await admin.send(new DeleteMembersCommand({ AccountIds: [OTHER_MEMBER, STRANGER] }));
      const got = await admin.send(new GetMembersCommand({ AccountIds: [OTHER_MEMBER] }));

      expect(deleted.UnprocessedAccounts).toEqual([{ AccountId: STRANGER, ProcessingResult: `Account ${STRANGER} is not a member of this administrator.` }]);
      expect(got.Members).toEqual([]);
      await expect(clientAs(OTHER_MEMBER).send(new GetFindingsCommand({}))).rejects.toThrow(AccessDeniedException);
    });
  });

  it("syncs membership from the local AWS Organizations through the real client, storing each account's OU path", async () => {
    const organizations = new OrganizationsClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const dynamo = new DynamoDBClient({ endpoint: local.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const repository = organizationStoreOn(dynamo, LOCAL_TABLES.findings);
      const result = await syncMembership(repository, organizationsReader(organizations), ADMIN, new Date());

      // The start's sync wrote them already: this one reads both accounts and finds nothing changed.
      expect(result).toEqual({ accounts: 2, written: 0, enabled: 0 });
      expect(await accountOrganizationPath(repository, SEED)).toEqual(['r-demo']);
      expect(await accountOrganizationPath(repository, STRANGER)).toBeUndefined();
    } finally {
      organizations.destroy();
      dynamo.destroy();
    }
  });

  it('removes the delegated administrator', async () => {
    await admin.send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: ADMIN }));
    expect((await admin.send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([]);
  });
});
