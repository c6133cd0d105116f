import { describe, expect, it } from 'vitest';
import { listParams, paramsWithoutColumn, readState, splitFilterKey, writeState } from './urlState';

describe('screen state in the address', () => {
  it('round-trips view, search, sort, columns, filters and the open session', () => {
    const search = new URLSearchParams(
      'view=live&q=objednavk&sort=duration&cols=id,channel&channel=whatsapp,messenger&createdAt.min=2025-01-01T00:00:00.000Z&param.vip=ano&open=42&tab=notes',
    );
    const state = readState(search);
    expect(state).toMatchObject({
      view: 'live',
      q: 'objednavk',
      sort: 'duration',
      cols: ['id', 'channel'],
      open: '42',
      tab: 'notes',
    });
    expect(state.filters).toEqual([
      ['channel', 'whatsapp,messenger'],
      ['createdAt.min', '2025-01-01T00:00:00.000Z'],
      ['param.vip', 'ano'],
    ]);
    expect(readState(writeState(state))).toEqual(state);
  });

  it('leaves defaults out of the address and ignores unknown tabs', () => {
    const state = readState(new URLSearchParams('tab=bogus&open=7'));
    expect(state.tab).toBe('transcript');
    expect(state.sort).toBe('-createdAt');
    expect(writeState(state).toString()).toBe('open=7');
  });

  it('splits filter keys into the column and the operator, parameters included', () => {
    expect(splitFilterKey('createdAt.min')).toEqual({ column: 'createdAt', op: 'min' });
    expect(splitFilterKey('param.order.number.contains')).toEqual({
      column: 'param.order.number',
      op: 'contains',
    });
    expect(splitFilterKey('param.vip')).toEqual({ column: 'param.vip', op: 'is' });
    expect(splitFilterKey('channel')).toEqual({ column: 'channel', op: 'is' });
  });

  it('drops a column’s own filters (and the sort) from its facet query', () => {
    const params = listParams({
      view: 'history',
      q: ' faktura ',
      sort: '-createdAt',
      filters: [
        ['channel', 'webchat'],
        ['duration.min', '60'],
      ],
    });
    expect(params).toEqual({
      view: 'history',
      q: 'faktura',
      sort: '-createdAt',
      channel: 'webchat',
      'duration.min': '60',
    });
    expect(paramsWithoutColumn(params, 'channel')).toEqual({
      view: 'history',
      q: 'faktura',
      'duration.min': '60',
    });
  });
});
