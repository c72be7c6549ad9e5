import { inputError, rejectHiddenChars, requireText } from './check-text';
import { describeChar, findChar, quoteValue } from './quote-value';

// Shape of every region code AWS uses (us-east-1, cn-north-1, us-gov-west-1,
// ap-southeast-7). New regions keep it, so no hard-coded list to go stale.
const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/;

const FIX = 'use a region code such as us-east-1, eu-central-2 or cn-north-1';

export function checkRegion(value: unknown, field = 'region'): string {
  const region = requireText(value, field, FIX);
  if (region === '') throw inputError(field, 'is empty', FIX);
  rejectHiddenChars(region, field);
  const space = findChar(region, (char) => /^\s$/u.test(char));
  if (space) {
    throw inputError(
      field,
      `contains ${describeChar(space.char)} at position ${space.position}`,
      FIX,
    );
  }
  if (REGION_CODE.test(region)) return region;
  const lower = region.toLowerCase();
  if (lower !== region && REGION_CODE.test(lower)) {
    throw inputError(field, `${quoteValue(region)} has capital letters`, `use ${lower}`);
  }
  throw inputError(field, `${quoteValue(region)} is not a region code`, FIX);
}
