import { ACTIVITY_LIMIT, ACTIVITY_SPAN_MS, type ActivityEntry } from '../../../shared/activity';
import { readAudit } from './audit-read';

/** The trail's last day for the tray, newest first and bounded; sessionName stays in the trail. */
export async function recentActivity(configDir: string, now: number): Promise<ActivityEntry[]> {
  const { records } = await readAudit(configDir, { since: now - ACTIVITY_SPAN_MS });
  return records
    .slice(-ACTIVITY_LIMIT)
    .reverse()
    .map((r) => ({
      time: r.time,
      event: r.event,
      outcome: r.outcome,
      by: r.by,
      ...(r.roleId !== undefined ? { roleId: r.roleId } : {}),
      ...(r.label !== undefined ? { label: r.label } : {}),
      ...(r.roleArn !== undefined ? { roleArn: r.roleArn } : {}),
      ...(r.profile !== undefined ? { profile: r.profile } : {}),
      ...(r.source !== undefined ? { source: r.source } : {}),
      ...(r.expiresAt !== undefined ? { expiresAt: r.expiresAt } : {}),
      ...(r.errorCode !== undefined ? { errorCode: r.errorCode } : {}),
    }));
}
