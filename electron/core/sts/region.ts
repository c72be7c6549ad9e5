import { PARTITIONS, partitionOfRegion, type Partition } from '../../../shared/partitions';
import { InputError } from '../../../shared/input-error';
import { checkRegion } from '../../../shared/validate';
import { loadSharedConfig, profileSetting } from './sdk-shared-config';

export interface RegionInputs {
  /** --region, already validated. */
  readonly explicit: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** The profile whose credentials call STS; its config `region` is a fallback. */
  readonly sourceProfile: string | undefined;
  readonly configPath: string;
  /** The credentials file, whose profile `region` the SDK reads when the config has none. */
  readonly credentialsPath?: string | undefined;
  /** The role's partition: the region must be in it, and its home region is the last fallback. */
  readonly partition: Partition;
}

/**
 * The `region` of a profile as the AWS SDK reads it: the config file's
 * (`[profile NAME]`, or `[default]`) over the credentials file's, with the SDK's
 * comment, case and duplicate-section rules (see sdk-shared-config.ts). Also
 * says which file it came from, for messages.
 */
export async function configRegion(
  paths: { readonly configPath: string; readonly credentialsPath?: string | undefined },
  profile: string,
): Promise<{ region: string; path: string } | undefined> {
  const files = await loadSharedConfig(paths);
  const region = profileSetting(files, profile, 'region');
  if (region === undefined) return undefined;
  const inConfig = files.configFile[profile]?.region !== undefined;
  return {
    region,
    path: inConfig ? paths.configPath : (paths.credentialsPath ?? paths.configPath),
  };
}

/**
 * The region whose regional STS endpoint is called: --region, AWS_REGION,
 * AWS_DEFAULT_REGION, the source profile's (or AWS_PROFILE's, or default's)
 * region in the AWS files, read as the SDK reads them, then the partition's home region. Regional endpoints are the
 * SDKs' default and the only ones outside the aws partition.
 */
export async function resolveStsRegion(inputs: RegionInputs): Promise<string> {
  // The SDK's profile choice: an empty AWS_PROFILE counts as unset.
  const profile = inputs.sourceProfile || inputs.env.AWS_PROFILE || 'default';
  const candidates: [string, string | undefined][] = [
    ['--region', inputs.explicit],
    ['AWS_REGION', inputs.env.AWS_REGION || undefined],
    ['AWS_DEFAULT_REGION', inputs.env.AWS_DEFAULT_REGION || undefined],
  ];
  let chosen = candidates.find(([, value]) => value !== undefined);
  if (!chosen) {
    const found = await configRegion(inputs, profile);
    if (found) chosen = [`region of profile "${profile}" in ${found.path}`, found.region];
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
