/**
 * The web's API types, generated from the OpenAPI document the server emits (docs/openapi.json), so
 * the UI reads the wire contract instead of a hand-written copy. `--verify` fails when the committed
 * file is out of date (CI runs it after checking docs/openapi.json itself).
 */
import fs from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';

const source = path.resolve(import.meta.dirname, '../docs/openapi.json');
const target = path.resolve(import.meta.dirname, '../web/src/lib/api-types.generated.ts');

const ast = await openapiTS(new URL(`file://${source}`), { alphabetize: true });
const header =
  '/* Generated from docs/openapi.json by `npm run api:types` (openapi-typescript); do not edit. */\n\n';
const text = await prettier.format(header + astToString(ast), {
  ...(await prettier.resolveConfig(target)),
  filepath: target,
});

if (process.argv.includes('--verify')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    process.stderr.write(
      'web/src/lib/api-types.generated.ts is out of date with docs/openapi.json: run `npm run api:types`.\n',
    );
    process.exit(1);
  }
  process.stdout.write('web API types are current.\n');
} else {
  fs.writeFileSync(target, text);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), target)}\n`);
}
