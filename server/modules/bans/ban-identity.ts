import { isIP } from 'node:net';
import { banKindsByChannel, platformClientKind } from '../../../common/bans';
import type { BanIdentityKind, Channel, ChannelAccountType } from '../../../common/domain';

/** One identity a ban names or a client presents, normalised so equal identities compare equal. */
export interface BanIdentity {
  kind: BanIdentityKind;
  value: string;
}

/** Why an identity was refused: the API answers 400 `bans.invalid_identity` with this sentence. */
export class InvalidIdentity extends Error {}

const CONTROL = /\p{Cc}/u;

/** An IPv4/IPv6 address, or one with a prefix length (a subnet); the text as PostgreSQL will read it. */
function ipOrSubnet(raw: string): string | undefined {
  const [address, prefix, ...rest] = raw.split('/');
  if (rest.length > 0 || address === undefined) return undefined;
  const family = isIP(address);
  if (family === 0) return undefined;
  if (prefix === undefined) return address.toLowerCase();
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return undefined;
  return `${address.toLowerCase()}/${Number(prefix)}`;
}

/** +digits: spaces, dashes, dots and brackets people type are dropped; 6 to 20 digits. */
export function normalisePhone(raw: string): string | undefined {
  if (!/^\+?[\d\s().-]+$/.test(raw)) return undefined;
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 20 ? `+${digits}` : undefined;
}

/** The normalised value of an identity, or an `InvalidIdentity` saying what is wrong with it. */
export function normaliseIdentity(kind: BanIdentityKind, raw: string): string {
  const value = raw.trim();
  if (value.length === 0) throw new InvalidIdentity(`${kind}: empty`);
  if (CONTROL.test(value)) throw new InvalidIdentity(`${kind}: control characters are not allowed`);
  switch (kind) {
    case 'ip': {
      const ip = ipOrSubnet(value);
      if (!ip) throw new InvalidIdentity('ip: not an IPv4/IPv6 address or subnet (CIDR such as 10.0.0.0/8)');
      return ip;
    }
    case 'email': {
      if (value.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(value))
        throw new InvalidIdentity('email: not an e-mail address');
      return value.toLowerCase();
    }
    case 'phone': {
      const phone = normalisePhone(value);
      if (!phone) throw new InvalidIdentity('phone: not a phone number (6 to 20 digits, + allowed)');
      return phone;
    }
    case 'waId':
    case 'psid':
    case 'vkId':
      if (!/^\d{1,40}$/.test(value)) throw new InvalidIdentity(`${kind}: digits only`);
      return value;
    case 'visitorId':
    case 'appleId':
      if (value.length > 200) throw new InvalidIdentity(`${kind}: at most 200 characters`);
      return value;
  }
}

/** The identities a ban gives, normalised, checked against its channel and without duplicates. */
export function banIdentities(channel: Channel, given: readonly BanIdentity[]): BanIdentity[] {
  const allowed: readonly BanIdentityKind[] = banKindsByChannel[channel];
  const seen = new Map<string, BanIdentity>();
  for (const identity of given) {
    if (!allowed.includes(identity.kind))
      throw new InvalidIdentity(`${identity.kind}: not an identity of the ${channel} channel`);
    const value = normaliseIdentity(identity.kind, identity.value);
    seen.set(`${identity.kind}\u0000${value}`, { kind: identity.kind, value });
  }
  return [...seen.values()];
}

/** What a client presents when it knocks: its fields as the ban check reads them. */
export interface ClientFields {
  visitorId?: string | null;
  ip?: string | null;
  email?: string | null;
  phone?: string | null;
  /** The messaging platform's client id (wa_id, PSID, Apple opaque id, VK user id). */
  platformClientId?: string | null;
}

/**
 * The identities a client presents on a channel, normalised; a field that is not a valid identity
 * (an odd IP string, a phone with letters) simply names nothing. An IP is sent as an address only.
 */
export function clientIdentities(channel: Channel, client: ClientFields): BanIdentity[] {
  const found: BanIdentity[] = [];
  const add = (kind: BanIdentityKind, raw: string | null | undefined) => {
    if (!raw) return;
    try {
      const value = normaliseIdentity(kind, raw);
      if (kind === 'ip' && value.includes('/')) return;
      found.push({ kind, value });
    } catch {
      // not an identity: nothing to match
    }
  };
  const kinds: readonly BanIdentityKind[] = banKindsByChannel[channel];
  if (kinds.includes('visitorId')) add('visitorId', client.visitorId);
  if (kinds.includes('ip')) add('ip', client.ip);
  add('email', client.email);
  add('phone', client.phone);
  if (channel in platformClientKind)
    add(platformClientKind[channel as ChannelAccountType], client.platformClientId);
  return found;
}
