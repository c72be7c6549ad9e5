/**
 * Who this process is, for the audit trail's `by`: the CLI sets it to
 * `cli:<command>` before running a command; the tray and the daemon are told
 * by the engine's kind. One process runs one command, so one value serves.
 */
let caller = 'cli';

export function setAuditCaller(name: string): void {
  caller = name;
}

export function auditCaller(): string {
  return caller;
}
