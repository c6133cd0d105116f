import type { Status } from '../../../../common/domain';

/** One colour per session status, wherever a status is shown (table, detail, Live). */
const statusColors: Record<Status, string> = {
  queued: 'orange',
  offered: 'yellow',
  active: 'green',
  after_work: 'grape',
  closed: 'gray',
};

export function statusColor(status: string): string {
  return Object.hasOwn(statusColors, status) ? statusColors[status as Status] : 'gray';
}
