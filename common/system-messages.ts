import { enumLabel, type LabelLanguage } from './labels';

/**
 * System messages the routing engine writes are stored as a code with data (no text), and worded here
 * in the reader's language: the API (by `Accept-Language`), the UI, the parties' WebSockets and both
 * exports all call `systemMessageText`. Imported system messages keep the text they came with.
 * The Czech wording avoids gendered verb forms ("Jana je nyní v sezení"), since names do not say it.
 */

/** A message's data as stored (JSON): read defensively, since imports and old rows vary. */
type Data = unknown;

const word = (data: Data, key: string): string | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

const templates: Record<string, (data: Data, lang: LabelLanguage) => string | undefined> = {
  joined(data, lang) {
    const name = word(data, 'name');
    if (!name) return lang === 'cs' ? 'Do sezení vstoupil chatbot.' : 'A chatbot joined the session.';
    return lang === 'cs' ? `${name} je nyní v sezení.` : `${name} joined the session.`;
  },
  redirected(data, lang) {
    const target = word(data, 'name');
    const actor = word(data, 'actorName');
    if (!target) return undefined;
    if (lang === 'cs') return actor ? `Přesměrováno na ${target} (${actor}).` : `Přesměrováno na ${target}.`;
    return actor ? `Redirected by ${actor} to ${target}.` : `Redirected to ${target}.`;
  },
  restored_from(data, lang) {
    const from = word(data, 'sessionId');
    const actor = word(data, 'actorName');
    if (!from) return undefined;
    if (lang === 'cs')
      return actor ? `Obnoveno ze sezení #${from} (${actor}).` : `Obnoveno ze sezení #${from}.`;
    return actor ? `Restored from session #${from} by ${actor}.` : `Restored from session #${from}.`;
  },
  restored_as(data, lang) {
    const as = word(data, 'sessionId');
    const actor = word(data, 'actorName');
    if (!as) return undefined;
    if (lang === 'cs')
      return actor ? `Obnoveno jako sezení #${as} (${actor}).` : `Obnoveno jako sezení #${as}.`;
    return actor ? `Restored as session #${as} by ${actor}.` : `Restored as session #${as}.`;
  },
  ended(data, lang) {
    const endedBy = word(data, 'endedBy');
    if (endedBy) return lang === 'cs' ? `Sezení ukončeno (${endedBy}).` : `Session ended by ${endedBy}.`;
    const reason = word(data, 'reason');
    if (!reason) return lang === 'cs' ? 'Sezení skončilo.' : 'Session ended.';
    const label = enumLabel('endReason', reason, lang);
    return lang === 'cs' ? `Sezení skončilo: ${lowerFirst(label)}.` : `Session ended: ${lowerFirst(label)}.`;
  },
};

function lowerFirst(text: string): string {
  // "API" and other all-capital words keep their case.
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLocaleLowerCase() + text.slice(1) : text;
}

/** The words of an engine-written system message in `lang`; undefined for a code it does not know. */
export function systemMessageText(code: string | null, data: Data, lang: LabelLanguage): string | undefined {
  if (!code || !Object.hasOwn(templates, code)) return undefined;
  return templates[code]?.(data, lang);
}

/** What a transcript line says to a reader: its stored text, else its code worded in their language. */
export function activityText(
  activity: { text: string | null; systemCode: string | null; systemData: Data },
  lang: LabelLanguage,
): string | null {
  return (
    activity.text ?? systemMessageText(activity.systemCode, activity.systemData, lang) ?? activity.systemCode
  );
}

/** The reader's language from an `Accept-Language` header: Czech when Czech comes first, else English. */
export function languageFromHeader(header: string | undefined): LabelLanguage {
  const first = header?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('cs') || first.startsWith('sk') ? 'cs' : 'en';
}
