/**
 * Unicode bidirectional formatting characters: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). In people's text they are kept, and the text is
 * isolated where it is shown (`<bdi>`, `dir="auto"`), so an override cannot reorder what surrounds it.
 * In a file name they are replaced by U+FFFD: "invoice\u202Egpj.exe" would otherwise show as
 * "invoiceexe.jpg" and hide its real extension.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A file name as shown to people: every bidi control visible as U+FFFD, so its real extension shows. */
export function revealFileName(name: string): string {
  return name.replace(BIDI_CONTROLS, '\uFFFD');
}
