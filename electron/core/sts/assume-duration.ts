/** AWS caps every session assumed from temporary credentials at one hour. */
export const CHAINED_MAX_SECONDS = 3600;
export const DEFAULT_DURATION_SECONDS = 3600;

export interface PlannedDuration {
  readonly requested: number;
  /** What to ask STS for: the request, lowered to the chaining limit when chained. */
  readonly granted: number;
}

/**
 * STS refuses (ValidationError) a chained AssumeRole longer than an hour; asking
 * for the hour instead, and saying so, is what the user meant.
 */
export function planDuration(requested: number | undefined, chained: boolean): PlannedDuration {
  const asked = requested ?? DEFAULT_DURATION_SECONDS;
  return { requested: asked, granted: chained ? Math.min(asked, CHAINED_MAX_SECONDS) : asked };
}
