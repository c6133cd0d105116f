import { describe, expect, it } from 'vitest';
import { activityText, languageFromHeader, systemMessageText } from './system-messages';

describe('system messages in the reader’s language', () => {
  it('words the engine’s codes in Czech and English', () => {
    expect(systemMessageText('joined', { name: 'Jana Nováková' }, 'cs')).toBe(
      'Jana Nováková je nyní v sezení.',
    );
    expect(systemMessageText('joined', { name: 'Jana Nováková' }, 'en')).toBe(
      'Jana Nováková joined the session.',
    );
    expect(systemMessageText('joined', { chatbotId: '1' }, 'cs')).toBe('Do sezení vstoupil chatbot.');
    expect(systemMessageText('redirected', { name: 'Obchod', actorName: 'Alena' }, 'cs')).toBe(
      'Přesměrováno na Obchod (Alena).',
    );
    expect(systemMessageText('ended', { reason: 'client_left' }, 'cs')).toBe(
      'Sezení skončilo: klient odešel.',
    );
    expect(systemMessageText('ended', { reason: 'api' }, 'en')).toBe('Session ended: ended by API.');
    expect(systemMessageText('ended', { reason: 'operator_ended', endedBy: 'Petr' }, 'en')).toBe(
      'Session ended by Petr.',
    );
    expect(systemMessageText('restored_from', { sessionId: '41', actorName: 'Alena' }, 'cs')).toBe(
      'Obnoveno ze sezení #41 (Alena).',
    );
    expect(systemMessageText('restored_as', { sessionId: '42', actorName: 'Alena' }, 'en')).toBe(
      'Restored as session #42 by Alena.',
    );
  });

  it('keeps stored text (imports) and falls back to the code for what it does not know', () => {
    expect(activityText({ text: 'Operátor převzal', systemCode: 'joined', systemData: {} }, 'en')).toBe(
      'Operátor převzal',
    );
    expect(activityText({ text: null, systemCode: 'recording_started', systemData: null }, 'cs')).toBe(
      'recording_started',
    );
    // Data of any shape (imports vary) never throws.
    expect(systemMessageText('redirected', 'nonsense', 'en')).toBeUndefined();
    expect(systemMessageText('joined', { name: 42 }, 'en')).toBe('A chatbot joined the session.');
  });

  it('reads the language from Accept-Language', () => {
    expect(languageFromHeader('cs-CZ,cs;q=0.9,en;q=0.8')).toBe('cs');
    expect(languageFromHeader('en-GB,cs;q=0.5')).toBe('en');
    expect(languageFromHeader(undefined)).toBe('en');
  });
});
