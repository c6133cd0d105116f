import { useEffect, useRef } from 'react';
import type { Offer } from './workspace.api';

/**
 * Tells the operator that an offer arrived while they may be looking elsewhere: a short two-tone chime
 * made with WebAudio (no sound file to load) and, where the browser allows it, a notification. Only
 * offers not seen before alert — a reload or a reconnect that lists the same offers stays quiet.
 */
export function useOfferAlert(
  offers: readonly Offer[],
  describe: (offer: Offer) => { title: string; body: string },
) {
  const seen = useRef<Set<string> | null>(null);
  const describeRef = useRef(describe);
  describeRef.current = describe;

  useEffect(() => {
    const ids = new Set(offers.map((offer) => offer.sessionId));
    if (seen.current === null) {
      // The first list is what was waiting when the page opened: no alert for it.
      seen.current = ids;
      return;
    }
    const fresh = offers.filter((offer) => !seen.current?.has(offer.sessionId));
    seen.current = ids;
    if (fresh.length === 0) return;
    chime();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      for (const offer of fresh) {
        const { title, body } = describeRef.current(offer);
        new Notification(title, { body, tag: `sessiondesk-offer-${offer.sessionId}` });
      }
    }
  }, [offers]);
}

let audio: AudioContext | undefined;

/** Two short tones; silent where the browser blocks audio until the page was interacted with. */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime + 0.01;
    for (const [index, frequency] of [880, 1320].entries()) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const at = start + index * 0.18;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.17);
    }
  } catch {
    // No audio in this browser: the notification and the list still show the offer.
  }
}
