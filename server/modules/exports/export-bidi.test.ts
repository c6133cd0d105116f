import { describe, expect, it } from 'vitest';
import { revealFileName } from '../../../common/bidi';
import { bearer, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';
import { htmlSession, type HtmlActivity } from './html-document';

const RLO = '\u202E';

const activity = (values: Partial<HtmlActivity>): HtmlActivity => ({
  at: '2025-03-01 09:15:00',
  sender: 'client',
  type: 'message',
  text: null,
  senderName: null,
  fileName: null,
  fileSize: null,
  fileMimeType: null,
  systemCode: null,
  systemData: null,
  ...values,
});

/** Issue #13, finding 5: bidirectional overrides cannot disguise file names or leak into other text. */
describe('bidirectional text in exports', () => {
  it('a file name shows its real extension', () => {
    expect(revealFileName(`invoice${RLO}gpj.exe`)).toBe('invoice\uFFFDgpj.exe');
    expect(revealFileName('faktura.pdf')).toBe('faktura.pdf');
  });

  it('the HTML export isolates names, messages and cells, and reveals controls in file names', () => {
    const html = htmlSession(
      {
        id: '7',
        cells: [`Eve${RLO}`],
        activities: [
          activity({ senderName: `Eve ${RLO}evil`, text: `hello ${RLO}dlrow` }),
          activity({ type: 'file', fileName: `invoice${RLO}gpj.exe`, fileSize: 10 }),
        ],
      },
      'en',
    );
    // The sender's name is isolated from the label after it.
    expect(html).toContain(`<bdi class="x">Eve ${RLO}evil</bdi> <span class="x">(Client)</span>`);
    expect(html).toContain(`<div class="x b" dir="auto">hello ${RLO}dlrow</div>`);
    expect(html).toContain(`<div role="cell" class="x" dir="auto">Eve${RLO}</div>`);
    expect(html).toContain('invoice\uFFFDgpj.exe');
    expect(html).not.toContain(`invoice${RLO}`);
  });

  it('the CSV transcript reveals controls in file names and keeps what people wrote', async () => {
    const { app, services } = await useTestApp();
    const tenant = await createTenant(services);
    await insertSession(services, tenant.id, {}, [
      { sender: 'client', type: 'file', fileName: `invoice${RLO}gpj.exe` },
      { sender: 'client', text: `hello ${RLO}dlrow` },
    ]);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions/export.csv?columns=id&transcript=true&lang=en',
      headers: bearer(tenant.admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('invoice\uFFFDgpj.exe');
    expect(response.body).not.toContain(`invoice${RLO}`);
    expect(response.body).toContain(`hello ${RLO}dlrow`);
  });
});
