import { z } from 'zod';
import { exportSeparators } from './settings.service';

/** A tenant's settings on the wire (GET answers all of them; PATCH takes any of them). */
export const settingsSchema = z.object({
  operatorsSeeAllSessions: z.boolean().describe('operators see every session, not only their own'),
  operatorsMayBan: z.boolean().describe('operators may ban a client (admins and supervisors always may)'),
  recordingAv: z.boolean().describe('audio/video sessions are recorded'),
  recordingPhone: z.boolean().describe('phone calls are recorded'),
  recordingRetentionDays: z.number().int().min(1).max(3650).describe('how long recordings are kept'),
  fileRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe('how long files sent in sessions are kept (730: two years)'),
  exportSeparator: z.enum(exportSeparators).describe("the CSV export's separator when a request names none"),
  timeZone: z.string().min(1).max(64).describe('IANA time zone of exports when a request names none'),
  auditRetentionDays: z.number().int().min(30).max(3650).describe('how long audit events are kept'),
});

export const settingsPatchBody = settingsSchema.partial().strict();
