import { inputError } from './check-text';
import { CONSOLE_SERVICES, checkService } from './console-services';
import { PARTITIONS, partitionOfRegion } from './partitions';
import type { Partition } from './role-arn';
import { checkRegion } from './validate-region';

/** A region that must belong to `partition`; the one-line error names the partition's own. */
export function checkRegionInPartition(
  partition: Partition,
  value: string,
  field = 'region',
): string {
  const region = checkRegion(value, field);
  const regionPartition = partitionOfRegion(region);
  if (regionPartition !== partition) {
    throw inputError(
      field,
      `${region} is in ${regionPartition}, not ${partition}`,
      `pick a region of ${partition}, e.g. ${PARTITIONS[partition].defaultRegion}`,
    );
  }
  return region;
}

export interface ConsoleDestination {
  /** A name or alias from CONSOLE_SERVICES; none means the console home page. */
  readonly service?: string;
  readonly region?: string;
}

/**
 * The console page a sign-in lands on: a service's page (or the home page),
 * in a region of the partition. Without a region the console picks the user's
 * last one. Global services have one page per partition, so the region is
 * checked but not put in their URL.
 */
export function consoleDestinationUrl(partition: Partition, input: ConsoleDestination): string {
  const { consoleHost } = PARTITIONS[partition];
  const region =
    input.region === undefined ? undefined : checkRegionInPartition(partition, input.region);
  if (input.service === undefined) {
    if (region === undefined) return `https://${consoleHost}/`;
    return `https://${region}.${consoleHost}/console/home?region=${encodeURIComponent(region)}`;
  }
  const service = CONSOLE_SERVICES[checkService(input.service)]!;
  const hash = service.hash === undefined ? '' : `#${service.hash}`;
  if (region === undefined || service.global === true) {
    return `https://${consoleHost}/${service.path}${hash}`;
  }
  return `https://${region}.${consoleHost}/${service.path}?region=${encodeURIComponent(region)}${hash}`;
}
