import { join } from 'node:path';

/** The trail lives in `<config folder>/audit/`, one file per UTC month. */
export const AUDIT_FOLDER_NAME = 'audit';

const MONTH_FILE = /^(\d{4})-(\d{2})\.jsonl(\.gz)?$/;

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

export interface MonthFile {
  readonly name: string;
  readonly month: number;
  /** A past month, gzipped (`YYYY-MM.jsonl.gz`). */
  readonly compressed: boolean;
}

/** What a trail file's name stands for, or undefined for any other name. */
export function parseMonthFile(name: string): MonthFile | undefined {
  const match = MONTH_FILE.exec(name);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return { name, month: Number(match[1]) * 12 + month - 1, compressed: match[3] !== undefined };
}

/** The trail's files among `names`, oldest month first. */
export function monthFiles(names: readonly string[]): MonthFile[] {
  return names
    .map(parseMonthFile)
    .filter((file): file is MonthFile => file !== undefined)
    .sort((a, b) => a.month - b.month);
}
