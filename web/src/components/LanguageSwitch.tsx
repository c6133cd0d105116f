import { SegmentedControl } from '@mantine/core';
import { languages, useI18n } from '../i18n';

/** Always-visible language choice; each language is named in itself so anyone can find theirs. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={language}
      onChange={setLanguage}
      data={languages.map((value) => ({
        value,
        label: <span lang={value}>{t(`language.${value}`)}</span>,
      }))}
    />
  );
}
