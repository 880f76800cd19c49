import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asString, field } from './support/readers';
import { stringListParameter } from './support/parameters';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';
import { decodePolicy, isPublicStatement } from './support/iam-policies';

const FUNCTION = ['AWS::Lambda::Function'];

// Lambda.2's documented default list (the runtimes AWS supported when this catalogue was written).
const SUPPORTED_RUNTIMES = [
  'dotnet8',
  'java21',
  'java17',
  'java11',
  'java8.al2',
  'nodejs22.x',
  'nodejs20.x',
  'nodejs18.x',
  'python3.13',
  'python3.12',
  'python3.11',
  'python3.10',
  'python3.9',
  'ruby3.4',
  'ruby3.3',
  'ruby3.2',
];

/** Lambda controls: public resource policies, supported runtimes, VPC placement. */
export const lambdaControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'Lambda.1',
      title: 'Lambda function policies should prohibit public access',
      description:
        'Checks whether the function\'s resource-based policy allows public access: a "*" principal, or a service principal such as s3.amazonaws.com without a source account or source ARN condition.',
      severity: 'CRITICAL',
      resourceTypes: FUNCTION,
      standards: [FSBP, pci321('1.2.1', '1.3.1', '1.3.2', '1.3.4', '7.2.1')],
      remediationUrl: controlPage('Lambda.1'),
    },
    (item) => {
      const raw = field(item.supplementaryConfiguration, 'Policy');
      if (raw === undefined || raw === null || raw === '') return passed('The function has no resource-based policy.');
      const decoded = decodePolicy(raw);
      if (!decoded.ok) return notApplicable(`The function policy cannot be judged: ${decoded.reason}.`);
      const open = decoded.statements.filter(isPublicStatement).map((statement) => (typeof statement.Sid === 'string' ? statement.Sid : '(no Sid)'));
      return open.length ? failed(`The function policy allows public access in statement(s) ${open.join(', ')}.`) : passed('The function policy does not allow public access.');
    },
  ),
  defineControl(
    {
      id: 'Lambda.2',
      title: 'Lambda functions should use supported runtimes',
      description: "Checks whether the function's runtime is one of the supported runtimes; container image functions have no runtime and are not evaluated.",
      severity: 'MEDIUM',
      resourceTypes: FUNCTION,
      standards: [FSBP],
      parameters: { runtime: { type: 'stringList', default: SUPPORTED_RUNTIMES, description: 'Runtimes the function may use.' } },
      remediationUrl: controlPage('Lambda.2'),
    },
    (_item, configuration, { parameters }) => {
      const runtime = asString(field(configuration, ['runtime', 'Runtime']));
      if (!runtime) return notApplicable('The function has no runtime (container image package type).');
      const allowed = stringListParameter(parameters, 'runtime', SUPPORTED_RUNTIMES);
      return allowed.includes(runtime)
        ? passed(`The function uses supported runtime ${runtime}.`)
        : failed(`The function uses runtime ${runtime}, which is not among the supported runtimes (${allowed.join(', ')}).`);
    },
  ),
  defineControl(
    {
      id: 'Lambda.3',
      title: 'Lambda functions should be in a VPC',
      description: 'Checks whether the function is attached to a VPC (its VPC configuration has subnets).',
      severity: 'LOW',
      resourceTypes: FUNCTION,
      standards: [pci321('1.2.1', '1.3.1', '1.3.2', '1.3.4')],
      remediationUrl: controlPage('Lambda.3'),
    },
    (_item, configuration) => {
      const subnets = asArray(field(configuration, ['vpcConfig', 'VpcConfig'], ['subnetIds', 'SubnetIds']));
      return subnets.length
        ? passed(`The function is attached to a VPC through ${subnets.length} subnet(s).`)
        : failed('The function is not attached to a VPC (no subnets in vpcConfig).');
    },
  ),
];
