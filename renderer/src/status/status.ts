/** A one-line message in the popup's footer: what just happened, or what failed. */
export interface Status {
  readonly tone: 'info' | 'error';
  readonly text: string;
}

export type Report = (status: Status | undefined) => void;
