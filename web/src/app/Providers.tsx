import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import 'dayjs/locale/cs';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nProvider, useI18n } from '../i18n';
import { queryClient } from './queryClient';
import { theme } from './theme';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <LocalizedDates>
          <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
        </LocalizedDates>
      </MantineProvider>
    </I18nProvider>
  );
}

/** Date pickers follow the UI language (month names, first day of week). */
function LocalizedDates({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}
