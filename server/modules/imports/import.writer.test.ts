import { describe, expect, it } from 'vitest';
import type { ImportRecord } from './import.schemas';
import {
  batchPipeline,
  transcriptSearchText,
  type BatchResult,
  type PendingRecord,
  type SessionWriter,
} from './import.writer';

/** A writer whose batches finish when the test says so, recording which batches have started. */
function controlledWriter() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const writer: SessionWriter = {
    write: (batch) => {
      const name = batch.map((p) => p.record.externalId).join(',');
      started.push(name);
      return new Promise<BatchResult>((resolve) =>
        finish.set(name, () =>
          resolve({ created: batch.length, updated: 0, unchanged: 0, activities: 0, rejected: [] }),
        ),
      );
    },
  };
  return { writer, started, finish: (name: string) => finish.get(name)!() };
}

const pending = (externalId: string, restoredFrom?: string): PendingRecord => ({
  line: 1,
  hash: Buffer.alloc(0),
  record: { externalId, ...(restoredFrom ? { restoredFrom } : {}) } as ImportRecord,
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('batch pipeline', () => {
  it('keeps two batches in flight and no more', async () => {
    const { writer, started, finish } = controlledWriter();
    const pipeline = batchPipeline(writer, () => {});
    await pipeline.submit([pending('a')]);
    await pipeline.submit([pending('b')]);
    const third = pipeline.submit([pending('c')]);
    await tick();
    expect(started).toEqual(['a', 'b']);
    finish('b');
    await third;
    expect(started).toEqual(['a', 'b', 'c']);
    finish('a');
    finish('c');
    await pipeline.drain();
  });

  it('holds back a batch that names a session a batch in flight writes', async () => {
    const { writer, started, finish } = controlledWriter();
    const pipeline = batchPipeline(writer, () => {}, 4);
    await pipeline.submit([pending('a')]);
    await pipeline.submit([pending('b')]);
    // Restored from "a" (not yet committed), and "b" again.
    const restored = pipeline.submit([pending('r', 'a')]);
    await tick();
    expect(started).toEqual(['a', 'b']);
    finish('a');
    await tick();
    expect(started).toEqual(['a', 'b']);
    finish('b');
    await restored;
    expect(started).toEqual(['a', 'b', 'r']);
    const again = pipeline.submit([pending('r')]);
    await tick();
    expect(started).toEqual(['a', 'b', 'r']);
    finish('r');
    await again;
    finish('r');
    await pipeline.drain();
    expect(started).toEqual(['a', 'b', 'r', 'r']);
  });

  it('reports the first failure to the next submit and to drain', async () => {
    const writer: SessionWriter = { write: () => Promise.reject(new Error('disk full')) };
    const pipeline = batchPipeline(writer, () => {});
    await pipeline.submit([pending('a')]);
    await tick();
    await expect(pipeline.submit([pending('b')])).rejects.toThrow('disk full');
    await expect(pipeline.drain()).rejects.toThrow('disk full');
  });
});

describe('transcript search text', () => {
  it('joins text and file names in time order, keeping the file order for equal times', () => {
    const at = (time: string) => new Date(`2025-03-01T${time}:00Z`);
    const text = transcriptSearchText([
      { at: at('09:20'), from: 'client', type: 'message', text: 'third' },
      { at: at('09:10'), from: 'client', type: 'message', text: 'first' },
      { at: at('09:15'), from: 'client', type: 'file', text: 'second', file: { name: 'a.pdf' } },
      { at: at('09:15'), from: 'system', type: 'system' },
    ] as ImportRecord['activities']);
    expect(text).toBe('first\nsecond a.pdf\n\nthird');
    expect(transcriptSearchText([])).toBeNull();
  });
});
