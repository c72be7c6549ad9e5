import { inputError } from './check-text';
import { quoteValue } from './quote-value';

export interface ConsoleService {
  /** Path under the console host, without the leading slash. */
  readonly path: string;
  /** A page inside the service's single-page app, after '#'. */
  readonly hash?: string;
  /** Served from the partition's global console host only: a region is not part of its URL. */
  readonly global?: boolean;
}

/**
 * Console pages by the short names people type (`--service ec2`). The same
 * paths serve all three partitions; only the host differs. Global services
 * (IAM, Route 53, …) have one page per partition, so a region does not go
 * into their URL. Aliases point at the same entries.
 */
export const CONSOLE_SERVICES: Readonly<Record<string, ConsoleService>> = {
  acm: { path: 'acm/home' },
  amplify: { path: 'amplify/home' },
  apigateway: { path: 'apigateway/main/apis' },
  appsync: { path: 'appsync/home' },
  athena: { path: 'athena/home' },
  autoscaling: { path: 'ec2/home', hash: 'AutoScalingGroups:' },
  backup: { path: 'backup/home' },
  batch: { path: 'batch/home' },
  bedrock: { path: 'bedrock/home' },
  billing: { path: 'billing/home', global: true },
  cloudformation: { path: 'cloudformation/home' },
  cloudfront: { path: 'cloudfront/v4/home', global: true },
  cloudshell: { path: 'cloudshell/home' },
  cloudtrail: { path: 'cloudtrail/home' },
  cloudwatch: { path: 'cloudwatch/home' },
  codeartifact: { path: 'codesuite/codeartifact/home' },
  codebuild: { path: 'codesuite/codebuild/home' },
  codecommit: { path: 'codesuite/codecommit/home' },
  codedeploy: { path: 'codesuite/codedeploy/home' },
  codepipeline: { path: 'codesuite/codepipeline/home' },
  cognito: { path: 'cognito/home' },
  config: { path: 'config/home' },
  costexplorer: { path: 'cost-management/home', global: true },
  directconnect: { path: 'directconnect/v2/home' },
  dms: { path: 'dms/v2/home' },
  dynamodb: { path: 'dynamodbv2/home' },
  ebs: { path: 'ec2/home', hash: 'Volumes:' },
  ec2: { path: 'ec2/home' },
  ecr: { path: 'ecr/home' },
  ecs: { path: 'ecs/v2/home' },
  efs: { path: 'efs/home' },
  eks: { path: 'eks/home' },
  elasticache: { path: 'elasticache/home' },
  elasticbeanstalk: { path: 'elasticbeanstalk/home' },
  elb: { path: 'ec2/home', hash: 'LoadBalancers:' },
  emr: { path: 'emr/home' },
  eventbridge: { path: 'events/home' },
  firehose: { path: 'firehose/home' },
  glue: { path: 'glue/home' },
  guardduty: { path: 'guardduty/home' },
  iam: { path: 'iam/home', global: true },
  inspector: { path: 'inspector/v2/home' },
  iot: { path: 'iot/home' },
  kinesis: { path: 'kinesis/home' },
  kms: { path: 'kms/home' },
  lambda: { path: 'lambda/home' },
  logs: { path: 'cloudwatch/home', hash: 'logsV2:log-groups' },
  mq: { path: 'amazon-mq/home' },
  msk: { path: 'msk/home' },
  opensearch: { path: 'aos/home' },
  organizations: { path: 'organizations/v2/home', global: true },
  rds: { path: 'rds/home' },
  redshift: { path: 'redshiftv2/home' },
  route53: { path: 'route53/v2/home', global: true },
  s3: { path: 's3/home' },
  sagemaker: { path: 'sagemaker/home' },
  secretsmanager: { path: 'secretsmanager/home' },
  securityhub: { path: 'securityhub/home' },
  servicequotas: { path: 'servicequotas/home' },
  ses: { path: 'ses/home' },
  sns: { path: 'sns/v3/home' },
  sqs: { path: 'sqs/v3/home' },
  sso: { path: 'singlesignon/home' },
  ssm: { path: 'systems-manager/home' },
  stepfunctions: { path: 'states/home' },
  support: { path: 'support/home', global: true },
  transfer: { path: 'transfer/home' },
  trustedadvisor: { path: 'trustedadvisor/home', global: true },
  vpc: { path: 'vpc/home' },
  waf: { path: 'wafv2/homev2' },
  xray: { path: 'xray/home' },
};

/** Other names for the same pages. */
export const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  cfn: 'cloudformation',
  cw: 'cloudwatch',
  ddb: 'dynamodb',
  events: 'eventbridge',
  'identity-center': 'sso',
  elasticsearch: 'opensearch',
  'secrets-manager': 'secretsmanager',
  sfn: 'stepfunctions',
  'systems-manager': 'ssm',
  cost: 'costexplorer',
};

/** Every name `--service` takes, sorted, aliases included. */
export function serviceNames(): string[] {
  return [...Object.keys(CONSOLE_SERVICES), ...Object.keys(SERVICE_ALIASES)].sort();
}

/** True when one letter changed, added or dropped turns `a` into `b`: the usual typo. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return (
    a.slice(i + 1) === b.slice(i + 1) ||
    a.slice(i + 1) === b.slice(i) ||
    a.slice(i) === b.slice(i + 1)
  );
}

/** The canonical name for a service or alias (case-insensitive), or a one-line error. */
export function checkService(value: string, field = 'service'): string {
  const name = value.trim().toLowerCase();
  const canonical = SERVICE_ALIASES[name] ?? name;
  if (name !== '' && Object.hasOwn(CONSOLE_SERVICES, canonical)) return canonical;
  const near = Object.keys(CONSOLE_SERVICES).filter(
    (known) => name.length >= 2 && (known.startsWith(name) || oneEditApart(name, known)),
  );
  throw inputError(
    field,
    `${quoteValue(value)} is not a console service Switchyard knows`,
    near.length > 0
      ? `did you mean ${near.slice(0, 3).join(', ')}?`
      : `use one of ${Object.keys(CONSOLE_SERVICES).slice(0, 8).join(', ')}, … (\`switchyard console --help\` lists all)`,
  );
}
