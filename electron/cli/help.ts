export const USAGE = `switchyard: assume AWS IAM roles and keep their credentials fresh as named profiles

Usage:
  switchyard assume <role-arn> <profile> [options]
  switchyard console <role-arn> [--display-name TEXT] [--color RRGGBB] [--print]
  switchyard console --profile <profile> [--federated] [--region R | --destination URL] [--print]
  switchyard help [command]
  switchyard --version

Environment:
  AWS_SHARED_CREDENTIALS_FILE   credentials file (default ~/.aws/credentials)
  AWS_CONFIG_FILE               config file, read only (default ~/.aws/config)
  AWS_ENDPOINT_URL_STS          STS endpoint, as in the AWS SDKs
  SWITCHYARD_SIGNIN_ENDPOINT    federation endpoint (default https://<signin host>/federation)

Exit codes: 0 success, 1 AWS or file error, 2 invalid arguments.
`;

export const COMMAND_HELP: Record<string, string> = {
  assume: `Usage: switchyard assume <role-arn> <profile> [options]

Assumes the role with STS and writes its temporary credentials to <profile> in the
shared credentials file, atomically, keeping every other byte of the file.

Options:
  --external-id ID        ExternalId the role's trust policy requires
  --duration SECONDS      session length, 900-43200 (default 3600; 1 hour at most
                          when the source credentials are themselves temporary)
  --session-name NAME     RoleSessionName, shown in CloudTrail (default switchyard-<user>)
  --source-profile NAME   profile whose credentials call STS (default: the SDK's chain)
  --region REGION         STS region (default: AWS_REGION, the source profile's region,
                          else the partition's home region)
  --mfa-serial ARN        MFA device, with --mfa-code
  --mfa-code CODE         the 6-digit code from the device
  --force                 overwrite a profile Switchyard does not manage
  --json                  print one JSON object (never a secret)
`,
  console: `Usage:
  switchyard console <role-arn> [--display-name TEXT] [--color RRGGBB] [--print]
  switchyard console --profile <profile> [--federated] [--region R | --destination URL] [--print]

Opens the AWS console as a role. With a role ARN (or --profile alone) it opens the
console's Switch Role page pre-filled. With --profile and --federated it signs in
directly with that profile's temporary credentials (getSigninToken).

Options:
  --display-name TEXT     name shown in the console's role menu
  --color RRGGBB          colour of the role in the console (hex or red/orange/yellow/green/blue)
  --profile NAME          a profile in the credentials file
  --federated             sign in with the profile's session instead of switching role
  --region REGION         console region
  --destination URL       console page to land on (https, AWS console host)
  --print                 print the URL instead of opening the browser
`,
};
