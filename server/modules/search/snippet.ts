/**
 * Snippets: PostgreSQL's ts_headline marks hits with two control characters that cannot occur in the
 * text we pass it (they are stripped first); this turns its output into `{ text, hit }` segments, so
 * clients render highlights without ever receiving HTML.
 */

export const HIT_START = '\u0001';
export const HIT_STOP = '\u0002';
export const FRAGMENT_DELIMITER = '\u0003';

/** ts_headline options; StartSel/StopSel are the markers above. */
export const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_STOP}, MaxWords=18, MinWords=6, MaxFragments=2, FragmentDelimiter=${FRAGMENT_DELIMITER}`;

export interface SnippetSegment {
  text: string;
  hit: boolean;
}

export function parseHeadline(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  const push = (text: string, hit: boolean): void => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last && last.hit === hit) last.text += text;
    else segments.push({ text, hit });
  };
  const text = headline.replaceAll(FRAGMENT_DELIMITER, ' … ');
  let rest = text;
  while (rest.length > 0) {
    const start = rest.indexOf(HIT_START);
    if (start === -1) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, start), false);
    const stop = rest.indexOf(HIT_STOP, start + 1);
    const end = stop === -1 ? rest.length : stop;
    push(rest.slice(start + 1, end), true);
    rest = stop === -1 ? '' : rest.slice(stop + 1);
  }
  const markers = new RegExp(`[${HIT_START}${HIT_STOP}${FRAGMENT_DELIMITER}]`, 'g');
  return segments.map((segment) => ({ ...segment, text: segment.text.replace(markers, '') }));
}
