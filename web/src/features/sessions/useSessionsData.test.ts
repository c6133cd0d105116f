import { describe, expect, it } from 'vitest';
import { previousRowsOfView, sessionKeys } from './useSessionsData';

describe('the rows a list shows while its next rows load', () => {
  const rows = { pages: [{ items: [{ id: '1' }] }] };
  const history = { queryKey: sessionKeys.list({ view: 'history', sort: '-createdAt' }) };

  it("keeps the same view's rows through a change of filters, search or order", () => {
    expect(previousRowsOfView('history')(rows, history)).toBe(rows);
  });

  it("shows none of another view's rows (History's ended sessions under the Live tab)", () => {
    expect(previousRowsOfView('live')(rows, history)).toBeUndefined();
    expect(previousRowsOfView('history')(rows, undefined)).toBeUndefined();
  });
});
