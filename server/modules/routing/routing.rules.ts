import { z } from 'zod';
import { channels, sources } from '../../../common/domain';

/**
 * A routing rule's conditions (routing_rules.conditions). Every condition given must hold; an empty
 * object matches everything. Values compare exactly, except `pageUrlContains` (case-insensitive).
 */
export const ruleConditionsSchema = z
  .object({
    channel: z.array(z.enum(channels)).optional(),
    source: z.array(z.enum(sources)).optional(),
    pageUrlContains: z.string().optional(),
    params: z.record(z.string(), z.string()).optional(),
  })
  .loose();
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

export interface RoutedSession {
  channel: string;
  source: string;
  page_url: string | null;
  params: unknown;
}

export function ruleMatches(conditions: unknown, session: RoutedSession): boolean {
  const parsed = ruleConditionsSchema.safeParse(conditions ?? {});
  // A rule whose conditions cannot be read never matches (it would otherwise catch everything).
  if (!parsed.success) return false;
  const rule = parsed.data;
  if (rule.channel && !rule.channel.includes(session.channel as never)) return false;
  if (rule.source && !rule.source.includes(session.source as never)) return false;
  if (rule.pageUrlContains !== undefined) {
    const url = session.page_url?.toLowerCase() ?? '';
    if (!url.includes(rule.pageUrlContains.toLowerCase())) return false;
  }
  if (rule.params) {
    const params = (session.params ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(rule.params)) {
      if (params[name] !== value) return false;
    }
  }
  return true;
}

/** The first enabled rule that matches, in position order; otherwise the first fallback rule. */
export function pickRule<R extends { conditions: unknown; is_fallback: boolean }>(
  rules: readonly R[],
  session: RoutedSession,
): R | undefined {
  return (
    rules.find((rule) => !rule.is_fallback && ruleMatches(rule.conditions, session)) ??
    rules.find((rule) => rule.is_fallback)
  );
}
