import { z } from 'zod';
import { notFound } from '../../platform/errors';
import type { App } from '../../platform/http/types';
import type { Services } from '../../services';
import { escapeHtml } from '../exports/html-document';

/**
 * `/demo/widget`: a fake shop page with the web chat embedded as a tenant would embed it, using the
 * demo workspace's widget — for trying the client's seat and for the browser tests. 404 without a
 * demo workspace.
 */
export function demoRoutes(app: App, services: Services): void {
  app.get(
    '/demo/widget',
    {
      config: { access: 'public' },
      schema: { hide: true, querystring: z.object({ lang: z.enum(['cs', 'en']).optional() }) },
    },
    async (request, reply) => {
      const key = await services.demo.demoWidgetKey();
      if (!key) throw notFound('The demo workspace');
      const lang = request.query.lang ?? 'cs';
      const cs = lang === 'cs';
      return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${cs ? 'Ukázkový e-shop' : 'Demo shop'} · Sessiondesk</title>
<style>
body { margin: 0; font: 16px/1.5 Georgia, serif; color: #2d2a26; background: #faf7f2; }
header { background: #2d2a26; color: #faf7f2; padding: 18px 32px; font-size: 22px; }
main { max-width: 860px; margin: 32px auto; padding: 0 24px; }
.product { display: flex; gap: 24px; background: #fff; border-radius: 12px; padding: 24px; }
.photo { width: 200px; height: 200px; border-radius: 8px; background: linear-gradient(135deg, #c7d2fe, #fde68a); }
button.buy { background: #b45309; color: #fff; border: 0; padding: 10px 18px; border-radius: 6px; font-size: 16px; }
</style>
</head>
<body>
<header>${cs ? 'Pračky &amp; spol.' : 'Washers &amp; Co.'}</header>
<main>
<div class="product">
<div class="photo" role="img" aria-label="${cs ? 'Pračka' : 'Washing machine'}"></div>
<div>
<h1>${cs ? 'Pračka AQ-7' : 'Washing machine AQ-7'}</h1>
<p>${cs ? '7 kg, 1400 ot./min, tichý motor. Doprava zdarma.' : '7 kg, 1400 rpm, quiet motor. Free delivery.'}</p>
<p><strong>12 990 Kč</strong></p>
<button class="buy" type="button">${cs ? 'Do košíku' : 'Add to basket'}</button>
</div>
</div>
<p>${cs ? 'Dotaz? Napište nám vpravo dole.' : 'A question? Write to us at the bottom right.'}</p>
</main>
<script src="/widget.js" data-key="${escapeHtml(key)}" data-lang="${lang}"></script>
<script src="/demo/shop.js"></script>
</body>
</html>`);
    },
  );
}
