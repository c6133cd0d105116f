import { Readable } from 'node:stream';
import type { Database } from '../../db/database';
import { objectKeys, type ObjectStore } from '../../platform/storage/object-store';

/** How many demo sessions get a playable recording, and how long each is. */
const DEMO_RECORDINGS = 6;
const SECONDS = 40;
const RATE = 8000;

/**
 * Real, short, playable recordings for a handful of the demo's recorded sessions (phone calls and
 * audio/video chats), generated at first start: two synthetic "voices" taking turns — a vowel-like tone
 * with harmonics, shaped into syllables — as 8-bit 8 kHz mono WAV (320 kB for 40 s). Nothing is shipped
 * in the repository and no codec is needed to make them.
 */
export async function attachDemoRecordings(
  db: Database,
  store: ObjectStore,
  tenantId: string,
): Promise<number> {
  const rows = await db
    .selectFrom('recordings')
    .innerJoin('sessions', (join) =>
      join
        .onRef('sessions.tenant_id', '=', 'recordings.tenant_id')
        .onRef('sessions.id', '=', 'recordings.session_id'),
    )
    .select(['recordings.id', 'recordings.session_id'])
    .where('recordings.tenant_id', '=', tenantId)
    .where('recordings.state', '=', 'ready')
    .where('recordings.track', 'in', ['phone_call', 'all_participants'])
    .where('sessions.status', '=', 'closed')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('recordings as other')
            .select('other.id')
            .whereRef('other.tenant_id', '=', 'recordings.tenant_id')
            .whereRef('other.session_id', '=', 'recordings.session_id')
            .whereRef('other.id', '<>', 'recordings.id'),
        ),
      ),
    )
    .orderBy('recordings.started_at', 'desc')
    .limit(DEMO_RECORDINGS)
    .execute();
  for (const [index, row] of rows.entries()) {
    const wav = conversationWav(SECONDS, index + 1);
    const key = objectKeys.recording(tenantId, row.id);
    await store.put(key, Readable.from([wav]), { contentType: 'audio/wav' });
    await db
      .updateTable('recordings')
      .set({
        object_key: key,
        media_type: 'audio/wav',
        size_bytes: String(wav.length),
        duration_seconds: SECONDS,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .execute();
  }
  return rows.length;
}

/** Two voices taking turns for `seconds`, as an 8-bit PCM WAV file. */
export function conversationWav(seconds: number, seed: number): Buffer {
  const samples = seconds * RATE;
  const data = Buffer.alloc(samples);
  let random = seed * 7919;
  const next = () => {
    random = (random * 16807) % 2147483647;
    return random / 2147483647;
  };
  // Turns of 2–6 s, a short pause between them; the client speaks higher than the operator.
  let at = 0;
  let speaker = 0;
  while (at < samples) {
    const length = Math.floor((2 + next() * 4) * RATE);
    const pitch = speaker === 0 ? 210 + next() * 30 : 125 + next() * 20;
    const syllable = 3.5 + next() * 2;
    for (let i = 0; i < length && at + i < samples; i += 1) {
      const t = i / RATE;
      const envelope =
        Math.max(0, Math.sin(Math.PI * syllable * t)) ** 2 * Math.min(1, t * 8, (length / RATE - t) * 8);
      const f = pitch * (1 + 0.03 * Math.sin(2 * Math.PI * 5 * t));
      const voice =
        Math.sin(2 * Math.PI * f * t) +
        0.5 * Math.sin(4 * Math.PI * f * t) +
        0.25 * Math.sin(6 * Math.PI * f * t);
      data[at + i] = 128 + Math.round(envelope * voice * 40);
    }
    at += length + Math.floor((0.3 + next() * 0.5) * RATE);
    speaker = 1 - speaker;
  }
  for (let i = 0; i < samples; i += 1) if (data[i] === 0) data[i] = 128;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, data]);
}
