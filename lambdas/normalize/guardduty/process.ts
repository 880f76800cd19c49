import type { ProcessDetails } from '../../asff';
import { optionalNumber, optionalObject, optionalString, truncate } from '../fields';
import { optionalTimestamp } from '../time';
import { compact } from '../objects';

/**
 * ASFF `Process` of a Runtime Monitoring finding (`service.runtimeDetails.process`). The docs are
 * silent on this mapping; we take the process name, executable path, pid and start time.
 */
export function processOf(detail: unknown): ProcessDetails | undefined {
  const path = 'service.runtimeDetails.process';
  if (optionalObject(detail, path) === undefined) return undefined;
  const name = optionalString(detail, `${path}.name`);
  const executable = optionalString(detail, `${path}.executablePath`);
  const pid = optionalNumber(detail, `${path}.pid`);
  return compact({
    Name: name && truncate(name, 64),
    Path: executable && truncate(executable, 512),
    Pid: pid !== undefined && Number.isInteger(pid) && pid >= 0 ? pid : undefined,
    LaunchedAt: optionalTimestamp(detail, `${path}.startTime`),
  });
}
