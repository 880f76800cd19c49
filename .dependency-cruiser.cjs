/**
 * Dependency rules of the layout (`npm run deps`, run by `npm test`). Type-only imports count
 * (`tsPreCompilationDeps`): a cycle through types is still a cycle in the design.
 *
 * Layout: deployed entry points in lambdas/functions/<name>/; domains in lambdas/<domain>/, each
 * with an index.ts front door; lambdas/shared holds tiny utilities; lambdas/wiring composes domains;
 * lib/constructs the CDK constructs; lib/local/engine the generic "run a CDK template locally" engine
 * and lib/local/* the product glue around it; bin/ the CLI; console/ the browser app; test/ the tests.
 * @type {import('dependency-cruiser').IConfiguration}
 */

/** The domains under lambdas/ (each has an index.ts front door). */
const DOMAINS = ['api', 'asff', 'compliance', 'events', 'filters', 'hub', 'integrations', 'normalize', 'remediation', 'reports', 'store', 'triage'];
const DOMAIN = `(${DOMAINS.join('|')})`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included: a cycle means two modules are one, or one of them holds what both need.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lambdas-stay-in-lambdas',
      severity: 'error',
      comment: 'Lambda code is deployed alone: it may not import the CDK app, the local engine or glue, the CLI, the console or tests.',
      from: { path: '^lambdas/' },
      to: { path: '^(lib|bin|test|console)/' },
    },
    {
      name: 'constructs-not-to-local-engine',
      severity: 'error',
      comment: 'The constructs describe the deployed stack; the local engine reads their template, never the other way round.',
      from: { path: '^lib/constructs/' },
      to: { path: '^lib/local/engine/' },
    },
    {
      name: 'local-engine-is-generic',
      severity: 'error',
      comment:
        'lib/local/engine runs any CDK template locally: it depends on nothing of the product (lambdas, constructs, stacks, local glue) but the template contract both sides read.',
      from: { path: '^lib/local/engine/' },
      to: { path: '^(lambdas|bin|console)/|^lib/(?!local/engine/|template-contract\\.ts$)' },
    },
    {
      name: 'shared-not-to-domains',
      severity: 'error',
      comment: 'lambdas/shared holds tiny utilities every domain may use; it depends on no domain, function or composition root.',
      from: { path: '^lambdas/shared/' },
      to: { path: '^lambdas/(?!shared/)' },
    },
    {
      name: 'domains-only-through-index',
      severity: 'error',
      comment:
        'Outside a domain, import it only through its front door lambdas/<domain>/index.ts (tests and the browser console are exempt: the console must not pull server modules into its bundle).',
      from: { path: '^(lambdas/[^/]+|lib|bin)/' },
      to: { path: `^lambdas/${DOMAIN}/`, pathNot: ['^$1/', `^lambdas/${DOMAIN}/index\\.ts$`] },
    },
    {
      name: 'functions-are-entry-points',
      severity: 'error',
      comment: 'lambdas/functions/<name>/ are deployed entry points: nothing else in lambdas/ imports them (the local glue names them by path).',
      from: { path: '^(lambdas/functions/[^/]+|lambdas/[^/]+)/' },
      to: { path: '^lambdas/functions/', pathNot: '^$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|cdk\\.out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
