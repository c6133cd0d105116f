import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets at rest (channel accounts' tokens): AES-256-GCM with a random 96-bit nonce per value and the
 * owner's identity as associated data, so a ciphertext copied to another row does not decrypt there.
 * Layout: version byte 1 | nonce (12) | tag (16) | ciphertext.
 */
const VERSION = 1;
const KEY_FILE = 'secret.key';

export interface SecretBox {
  seal(plain: string, context: string): Buffer;
  open(sealed: Buffer, context: string): string;
}

/** The key is read (or generated) on first use, so commands that never touch a secret write no key file. */
export function secretBox(getKey: () => Buffer): SecretBox {
  let cached: Buffer | undefined;
  const keyOf = (): Buffer => {
    cached ??= getKey();
    if (cached.length !== 32) throw new Error('The secret key must be 32 bytes.');
    return cached;
  };
  return {
    seal(plain, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyOf(), nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
    },
    open(sealed, context) {
      if (sealed.length < 29 || sealed[0] !== VERSION)
        throw new Error('Not a sealed secret of this version.');
      const decipher = createDecipheriv('aes-256-gcm', keyOf(), sealed.subarray(1, 13));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The key: from the environment when given, else `DATA_DIR/secret.key`, generated on first use with
 * mode 600 (created exclusively, so two processes starting at once agree on one key).
 */
export function loadSecretKey(given: Buffer | undefined, dataDir: string): Buffer {
  if (given) return given;
  const file = path.join(dataDir, KEY_FILE);
  try {
    return readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readKeyFile(file);
}

function readKeyFile(file: string): Buffer {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} does not hold a 32-byte hex key.`);
  return Buffer.from(text, 'hex');
}
