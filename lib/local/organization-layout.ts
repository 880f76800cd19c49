/**
 * The local organization's shape for central configuration: the demo organization's accounts
 * (lib/local/demo/organization.json) under a root and OUs, as AWS Organizations would hold them.
 * The functions read it from `ORGANIZATION_LAYOUT` (lambdas/wiring/central-configuration.ts); an
 * account not listed (one that only sends events) sits directly under the root.
 */
import type { OrganizationLayout } from '../../lambdas/compliance';

/** Root `r-demo` → Security (`ou-demo-security`) and Workloads (`ou-demo-workload`) → Prod (`ou-demo-prodapps`), NonProd (`ou-demo-nonprod1`). */
export const LOCAL_ORGANIZATION_LAYOUT: OrganizationLayout = {
  rootId: 'r-demo',
  organizationalUnits: {
    'ou-demo-security': 'r-demo',
    'ou-demo-workload': 'r-demo',
    'ou-demo-prodapps': 'ou-demo-workload',
    'ou-demo-nonprod1': 'ou-demo-workload',
  },
  accounts: {
    '123456789012': 'ou-demo-security', // security-tooling (the seed account)
    '888899990000': 'ou-demo-security', // shared-services
    '111122223333': 'ou-demo-prodapps', // prod-payments
    '444455556666': 'ou-demo-prodapps', // prod-web
    '555566667777': 'ou-demo-prodapps', // data-lake
    '777788889999': 'ou-demo-nonprod1', // staging
    '222233334444': 'ou-demo-nonprod1', // dev-sandbox
  },
};
