/**
 * WhatsApp message templates as the server checks them and the Restore dialog previews them: positional
 * placeholders {{1}} … {{n}} in the BODY component, each filled with text. One rule for both sides.
 */

const POSITIONAL = /\{\{(\d{1,3})\}\}/g;
/** A placeholder that is not positional ({{name}}: a template with named parameters). */
const NAMED = /\{\{\s*[^}\d\s][^}]*\}\}/;

/** The number of body parameters a template expects: the highest {{n}} (they are numbered from 1). */
export function templateParameterCount(body: string): number {
  let highest = 0;
  for (const match of body.matchAll(POSITIONAL)) highest = Math.max(highest, Number(match[1]));
  return highest;
}

/** Templates with named parameters are listed but not offered: Sessiondesk fills positional ones. */
export function hasNamedParameters(body: string): boolean {
  return NAMED.test(body);
}

/** The body as the client will read it, with each {{n}} replaced by its parameter (kept where missing). */
export function renderTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(POSITIONAL, (placeholder, n: string) => {
    const value = parameters[Number(n) - 1];
    return value === undefined || value === '' ? placeholder : value;
  });
}

/** The Cloud API's limit on one text parameter of a template body. */
export const TEMPLATE_PARAMETER_MAX = 1024;

/**
 * Why a parameter value would be refused by the platform, or undefined when it is fine: empty, too
 * long, or with a new line, a tab or more than four consecutive spaces (Cloud API error 132018).
 */
export function templateParameterProblem(
  value: string,
): 'empty' | 'too_long' | 'line_break_or_tab' | 'too_many_spaces' | undefined {
  if (value.trim().length === 0) return 'empty';
  if (value.length > TEMPLATE_PARAMETER_MAX) return 'too_long';
  if (/[\n\r\t]/.test(value)) return 'line_break_or_tab';
  if (/ {5,}/.test(value)) return 'too_many_spaces';
  return undefined;
}

/** Whether a template language code (`cs`, `en_US`) is in the client's language (`cs`, `en-GB`). */
export function templateMatchesLanguage(templateLanguage: string, clientLanguage: string | null): boolean {
  if (!clientLanguage) return false;
  const base = (code: string) => code.toLowerCase().split(/[-_]/)[0] ?? '';
  return base(templateLanguage) === base(clientLanguage);
}
