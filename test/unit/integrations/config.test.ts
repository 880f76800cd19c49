import { integrationsConfigFromEnv, parseIntegrationsConfig } from '../../../lambdas/integrations/config';

const slack = { name: 'sec-slack', kind: 'slack', credentials: { secretName: 'osh/slack' } };
const jira = { name: 'jira', kind: 'jira', url: 'https://acme.atlassian.net/', projectKey: 'SEC', credentials: { secretName: 'osh/jira' } };

describe('integrations configuration', () => {
  it('takes each kind with its defaults: every alert for chat, CRITICAL or priority 90 for paging, HIGH and CRITICAL for tickets', () => {
    const config = parseIntegrationsConfig({ destinations: [slack, { name: 'pd', kind: 'pagerduty', credentials: { secretName: 'osh/pd' } }, jira] });

    expect(config.destinations.map((destination) => destination.rule)).toEqual([
      [{ Criteria: {} }],
      [{ Criteria: { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] } }, { Criteria: {}, PriorityAtLeast: 90 }],
      [
        {
          Criteria: {
            SeverityLabel: [
              { Value: 'HIGH', Comparison: 'EQUALS' },
              { Value: 'CRITICAL', Comparison: 'EQUALS' },
            ],
          },
        },
      ],
    ]);
    expect(config.destinations[2].url).toBe('https://acme.atlassian.net'); // trailing slash dropped
  });

  it('round-trips through the functions’ environment', () => {
    const config = parseIntegrationsConfig({
      consoleUrl: 'https://console.example.com',
      destinations: [slack, { ...jira, rule: { Criteria: { ResourceType: [{ Value: 'AwsEc2', Comparison: 'PREFIX' }] }, PriorityAtLeast: 50 } }],
    });

    expect(integrationsConfigFromEnv({ INTEGRATIONS_CONFIG: JSON.stringify(config) })).toEqual(config);
  });

  it.each([
    [{ destinations: {} }, 'integrations.destinations: must be a list of destinations'],
    [{ destination: [] }, 'integrations.destination: is not a setting (consoleUrl, destinations)'],
    [{ destinations: [{ ...slack, kind: 'email' }] }, 'integrations.destinations[0].kind: must be one of slack, teams, pagerduty, opsgenie, jira, servicenow'],
    [{ destinations: [{ ...slack, name: 'has space' }] }, 'integrations.destinations[0].name: must match [A-Za-z0-9_-]{1,64}'],
    [{ destinations: [slack, slack] }, "integrations.destinations[1].name: 'sec-slack' is used by another destination"],
    [
      { destinations: [{ ...slack, url: 'https://hooks.slack.com/x' }] },
      'integrations.destinations[0].url: is not a setting of kind slack: its URL is the credential (keep it in a secret)',
    ],
    [{ destinations: [{ ...slack, credentials: undefined }] }, 'integrations.destinations[0].credentials: is required (the incoming webhook URL)'],
    [{ destinations: [{ ...slack, credentials: { secretName: 'a', value: 'b' } }] }, 'integrations.destinations[0].credentials: must have exactly one of secretName or value'],
    [{ destinations: [{ ...jira, credentials: { value: { email: 'x' } } }] }, 'integrations.destinations[0].credentials.value.apiToken: must be a non-empty string'],
    [{ destinations: [{ ...jira, projectKey: undefined }] }, 'integrations.destinations[0].projectKey: is required for kind jira'],
    [{ destinations: [{ ...jira, projectKey: 'sec' }] }, 'integrations.destinations[0].projectKey: must match ^[A-Z][A-Z0-9_]{1,9}$'],
    [{ destinations: [{ ...jira, url: 'http://acme.atlassian.net' }] }, 'integrations.destinations[0].url: must be an https URL (http only for 127.0.0.1/localhost)'],
    [{ destinations: [{ ...jira, url: undefined }] }, 'integrations.destinations[0].url: is required for kind jira (the Jira Cloud site, https://<site>.atlassian.net)'],
    [
      { destinations: [{ ...slack, inbound: { value: 'x' } }] },
      'integrations.destinations[0].inbound: is not a setting of kind slack (only ticket destinations take inbound webhooks)',
    ],
    [{ destinations: [{ ...slack, rule: { Criteria: { Severity: [] } } }] }, 'integrations.destinations[0].rule: Criteria.Severity: is not a criteria field of automation rules'],
    [{ destinations: [{ ...slack, rule: [{ PriorityAtLeast: 101 }] }] }, 'integrations.destinations[0].rule[0].PriorityAtLeast: must be an integer 0..100'],
    [{ destinations: [{ ...slack, rule: { Criteria: {}, Priority: 1 } }] }, 'integrations.destinations[0].rule.Priority: is not a member of a rule (Criteria, PriorityAtLeast)'],
    [{ destinations: [{ ...slack, projectKey: 'SEC' }] }, 'integrations.destinations[0].projectKey: is not a setting of kind slack'],
  ])('refuses %j naming the key', (value, message) => {
    expect(() => parseIntegrationsConfig(value)).toThrow(message);
  });

  it('names the variable when the environment holds something else than JSON', () => {
    expect(() => integrationsConfigFromEnv({ INTEGRATIONS_CONFIG: '{' })).toThrow(/^INTEGRATIONS_CONFIG: is not JSON/);
  });
});
