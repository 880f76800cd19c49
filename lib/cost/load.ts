/**
 * The load a cost is computed for (issue 14's default: 100 accounts × 3 Regions, 1 M findings
 * imported a month, change-driven evaluations every hour plus a daily sweep over 50,000 resources,
 * 1,000 API reads a day) and the `npm run cost` flags that change it. Pure.
 */

/** How the month's imported findings split between the kinds of import (shares summing to 1). */
export interface ImportMix {
  /** A finding seen for the first time. */
  new: number;
  /** The same finding again, nothing changed (a redelivery: ignored as not newer). */
  identical: number;
  /** The same finding with a newer UpdatedAt and nothing else changed (a provider's periodic update). */
  repeat: number;
  /** The same finding with a changed field (here: its severity). */
  update: number;
}

/** A month's load. */
export interface Load {
  accounts: number;
  regions: number;
  /** Finding imports a month (every import counts: Security Hub's "finding ingestion events"). */
  findingsPerMonth: number;
  mix: ImportMix;
  /** Resources recorded by AWS Config across the organization. */
  resources: number;
  /** Full sweeps over every resource a day. */
  sweepsPerDay: number;
  /** Configuration changes a hour, each evaluated when it happens. */
  changesPerHour: number;
  apiReadsPerDay: number;
  /** Days a finding is kept after its last update (the store's retention). */
  findingRetentionDays: number;
}

/** Days in the month the model bills. */
export const DAYS_PER_MONTH = 30;

/** Issue 14's stated load. `changesPerHour`: 1 % of the resources change every hour (our assumption; a flag). */
export const DEFAULT_LOAD: Load = {
  accounts: 100,
  regions: 3,
  findingsPerMonth: 1_000_000,
  mix: { new: 0.3, identical: 0.1, repeat: 0.4, update: 0.2 },
  resources: 50_000,
  sweepsPerDay: 1,
  changesPerHour: 500,
  apiReadsPerDay: 1_000,
  findingRetentionDays: 90,
};

/** The load multiplied: more accounts' worth of findings, resources, changes and reads (accounts × factor, Regions as they are). */
export function scaleLoad(load: Load, factor: number): Load {
  return {
    ...load,
    accounts: load.accounts * factor,
    findingsPerMonth: load.findingsPerMonth * factor,
    resources: load.resources * factor,
    changesPerHour: load.changesPerHour * factor,
    apiReadsPerDay: load.apiReadsPerDay * factor,
  };
}

/** Thrown for a bad flag, naming it. */
export class LoadFlagError extends Error {}

const FLAGS: Record<string, (load: Load, value: number) => Load> = {
  '--accounts': (load, value) => ({ ...load, accounts: value }),
  '--regions': (load, value) => ({ ...load, regions: value }),
  '--findings-per-month': (load, value) => ({ ...load, findingsPerMonth: value }),
  '--resources': (load, value) => ({ ...load, resources: value }),
  '--sweeps-per-day': (load, value) => ({ ...load, sweepsPerDay: value }),
  '--changes-per-hour': (load, value) => ({ ...load, changesPerHour: value }),
  '--api-reads-per-day': (load, value) => ({ ...load, apiReadsPerDay: value }),
  '--retention-days': (load, value) => ({ ...load, findingRetentionDays: value }),
  '--new-share': (load, value) => ({ ...load, mix: { ...load.mix, new: value } }),
  '--identical-share': (load, value) => ({ ...load, mix: { ...load.mix, identical: value } }),
  '--repeat-share': (load, value) => ({ ...load, mix: { ...load.mix, repeat: value } }),
  '--update-share': (load, value) => ({ ...load, mix: { ...load.mix, update: value } }),
};

/** The flags {@link parseLoadFlags} knows, for help text. */
export const LOAD_FLAGS = Object.keys(FLAGS);

/** Applies `--flag value` pairs (see {@link LOAD_FLAGS}) to the default load; `--scale N` is read by the caller. */
export function parseLoadFlags(args: readonly string[], base: Load = DEFAULT_LOAD): Load {
  let load = base;
  for (let index = 0; index < args.length; index += 2) {
    const flag = args[index];
    const apply = FLAGS[flag];
    if (apply === undefined) throw new LoadFlagError(`Unknown option ${flag}: one of ${LOAD_FLAGS.join(', ')}`);
    const value = Number(args[index + 1]);
    if (args[index + 1] === undefined || !Number.isFinite(value) || value < 0) throw new LoadFlagError(`${flag} needs a number ≥ 0, got ${args[index + 1] ?? 'nothing'}`);
    load = apply(load, value);
  }
  const shares = Object.values(load.mix).reduce((sum, share) => sum + share, 0);
  if (Math.abs(shares - 1) > 1e-9) throw new LoadFlagError(`The shares --new-share, --identical-share, --repeat-share, --update-share must sum to 1, got ${+shares.toFixed(6)}`);
  if (load.accounts < 1 || load.regions < 1) throw new LoadFlagError('--accounts and --regions must be at least 1');
  return load;
}
