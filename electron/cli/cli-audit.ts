import { auditCaller } from '../core/audit/audit-caller';
import { auditTo, type AuditSink } from '../core/audit/role-event';
import { catalogDir } from '../core/catalog/catalog-paths';

/** The audit trail for a command that runs without an engine; problems are a warning line. */
export function cliAudit(): AuditSink {
  return auditTo(catalogDir(process.env), auditCaller(), (message) =>
    process.stderr.write(`switchyard: warning: ${message}\n`),
  );
}
