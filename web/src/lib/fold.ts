/** Case- and accent-insensitive form of a text for the UI's local searches ("novak" finds "Nováková"). */
export const foldForSearch = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
