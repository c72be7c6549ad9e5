import { join } from 'node:path';

/** The trail lives in `<config folder>/audit/`, one file per UTC month. */
export const AUDIT_FOLDER_NAME = 'audit';

const MONTH_FILE = /^(\d{4})-(\d{2})\.jsonl$/;

export function auditFolder(configDir: string): string {
  return join(configDir, AUDIT_FOLDER_NAME);
}

/** A month as a number that orders and subtracts: year × 12 + month index. */
export function monthIndex(epochMs: number): number {
  const date = new Date(epochMs);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function monthFileName(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}.jsonl`;
}

/** The month index a trail file's name stands for, or undefined for any other name. */
export function monthOfFileName(name: string): number | undefined {
  const match = MONTH_FILE.exec(name);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return Number(match[1]) * 12 + month - 1;
}
