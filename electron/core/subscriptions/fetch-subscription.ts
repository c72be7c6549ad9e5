import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { fetchFile } from './fetch-file';
import { fetchGit } from './fetch-git';
import { fetchHttps } from './fetch-https';
import { SubscriptionFetchError, type FetchRequest, type FetchResult } from './fetch-types';

/** Node's roots plus AWS_CA_BUNDLE's (as on corporate laptops), read once per fetch. */
function caFor(env: NodeJS.ProcessEnv): string[] | undefined {
  const bundle = env.AWS_CA_BUNDLE;
  if (bundle === undefined || bundle === '') return undefined;
  try {
    return [...rootCertificates, readFileSync(bundle, 'utf8')];
  } catch {
    throw new SubscriptionFetchError(`AWS_CA_BUNDLE ${bundle} cannot be read`);
  }
}

/** Fetches a subscription's file the way its kind says. */
export function fetchSubscription(
  request: FetchRequest,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FetchResult> {
  const { record, limits } = request;
  switch (record.kind) {
    case 'https': {
      const ca = record.location.startsWith('https:') ? caFor(env) : undefined;
      return fetchHttps({
        url: record.location,
        limits,
        ...(request.previous.etag !== undefined ? { etag: request.previous.etag } : {}),
        ...(ca ? { ca: ca.join('\n') } : {}),
      });
    }
    case 'file':
      return fetchFile(record.location, limits);
    case 'git':
      return fetchGit(request);
  }
}
