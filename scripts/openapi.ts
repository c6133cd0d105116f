/**
 * Writes the OpenAPI document the server serves to docs/openapi.json, or with --verify fails when the
 * committed copy differs (CI's drift check). Building the app needs no database connection.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { connectDatabase } from '../server/db/database';
import { createApp } from '../server/app';
import { createServices } from '../server/services';

const file = path.resolve(import.meta.dirname, '../docs/openapi.json');
const config = loadConfig({ NODE_ENV: 'test' });
const database = connectDatabase('postgres://unused@127.0.0.1:1/unused');
const app = await createApp({ config, services: createServices(database.db, config), logger: false });
await app.ready();
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await database.close();

if (process.argv.includes('--verify')) {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (committed !== document) {
    process.stderr.write('docs/openapi.json is out of date: run `npm run openapi` and commit it.\n');
    process.exit(1);
  }
  process.stderr.write('docs/openapi.json is up to date.\n');
} else {
  fs.writeFileSync(file, document);
  process.stderr.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
}
