import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A muted steel blue: calm for a screen people watch all day, with enough contrast for white text at shade 7.
const ocean: MantineColorsTuple = [
  '#eef4fa',
  '#dce7f2',
  '#b6cde4',
  '#8db1d6',
  '#6b99ca',
  '#568ac3',
  '#4a82c1',
  '#3a6fab',
  '#30629a',
  '#215488',
];

const systemFont =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'ocean',
  primaryShade: 7,
  colors: { ocean },
  fontFamily: systemFont,
  headings: { fontFamily: systemFont, fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { fw: 600 } },
  },
});
