import { PARTITIONS, partitionOfRegion, type Partition } from '../../../shared/partitions';
import { InputError } from '../../../shared/input-error';
import { checkRegion } from '../../../shared/validate';
import { indexSections, parseIni, sameKey } from '../credentials/ini-document';
import { readRegularFile } from '../fs/regular-file';

export interface RegionInputs {
  /** --region, already validated. */
  readonly explicit: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** The profile whose credentials call STS; its config `region` is a fallback. */
  readonly sourceProfile: string | undefined;
  readonly configPath: string;
  /** The role's partition: the region must be in it, and its home region is the last fallback. */
  readonly partition: Partition;
}

/** The `region` of a profile in ~/.aws/config (`[profile NAME]`, or `[default]`). */
export async function configRegion(
  configPath: string,
  profile: string,
): Promise<string | undefined> {
  let text: string;
  try {
    // Non-blocking: a FIFO here must not hang the command (see regular-file.ts).
    text = (await readRegularFile(configPath)).toString('utf8');
  } catch {
    return undefined; // no config file: nothing to fall back on
  }
  const header = profile === 'default' ? 'default' : `profile ${profile}`;
  const section = indexSections(parseIni(text)).get(header)?.[0];
  return section?.entries.find((e) => sameKey(e.key, 'region'))?.value || undefined;
}

/**
 * The region whose regional STS endpoint is called: --region, AWS_REGION,
 * AWS_DEFAULT_REGION, the source profile's (or AWS_PROFILE's, or default's)
 * config region, then the partition's home region. Regional endpoints are the
 * SDKs' default and the only ones outside the aws partition.
 */
export async function resolveStsRegion(inputs: RegionInputs): Promise<string> {
  const profile = inputs.sourceProfile ?? inputs.env.AWS_PROFILE ?? 'default';
  const candidates: [string, string | undefined][] = [
    ['--region', inputs.explicit],
    ['AWS_REGION', inputs.env.AWS_REGION || undefined],
    ['AWS_DEFAULT_REGION', inputs.env.AWS_DEFAULT_REGION || undefined],
  ];
  let chosen = candidates.find(([, value]) => value !== undefined);
  if (!chosen) {
    const fromConfig = await configRegion(inputs.configPath, profile);
    if (fromConfig) chosen = [`region of profile "${profile}" in ${inputs.configPath}`, fromConfig];
  }
  if (!chosen) return PARTITIONS[inputs.partition].defaultRegion;
  const [source, value = ''] = chosen;
  const region = checkRegion(value, source);
  if (partitionOfRegion(region) !== inputs.partition) {
    throw new InputError(
      source,
      `${source}: ${region} is in the ${partitionOfRegion(region)} partition but the role is in ${inputs.partition}; pass --region with a ${inputs.partition} region such as ${PARTITIONS[inputs.partition].defaultRegion}`,
    );
  }
  return region;
}
