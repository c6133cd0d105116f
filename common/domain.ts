/**
 * The domain's enumerations, shared by server, UI and the generated table types (the database's CHECK
 * constraints list the same values; a test compares them).
 */
export { apiKeyRoles, roles, type ApiKeyRole, type Role } from './roles';
import { apiKeyRoles } from './roles';

export const channels = ['webchat', 'av', 'phone', 'messenger', 'whatsapp', 'apple', 'vkontakte'] as const;
export type Channel = (typeof channels)[number];

/** Channels whose ended sessions can be restored (the client is reachable again on the platform). */
export const restorableChannels = [
  'messenger',
  'whatsapp',
  'apple',
  'vkontakte',
] as const satisfies readonly Channel[];

/** Platforms a tenant connects accounts of (the messaging channels). */
export const channelAccountTypes = restorableChannels;
export type ChannelAccountType = (typeof channelAccountTypes)[number];

/** Where an outbound line of a messaging session is: queued, accepted by the platform, on the phone, read, or refused. */
export const deliveryStates = ['pending', 'sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export const sources = [
  'widget',
  'invitation',
  'callback',
  'incoming_call',
  'outgoing_call',
  'campaign',
  'api',
  'restored',
] as const;
export type Source = (typeof sources)[number];

export const statuses = ['queued', 'offered', 'active', 'after_work', 'closed'] as const;
export type Status = (typeof statuses)[number];
export const liveStatuses = [
  'queued',
  'offered',
  'active',
  'after_work',
] as const satisfies readonly Status[];

export const endReasons = [
  'client_left',
  'operator_ended',
  'chatbot_ended',
  'client_abandoned',
  'operator_abandoned',
  'routing_failed',
  'window_expired',
  'api',
  'banned',
] as const;
export type EndReason = (typeof endReasons)[number];

export const clientLeftValues = ['left_queue', 'left_session', 'still_connected'] as const;
export type ClientLeft = (typeof clientLeftValues)[number];

export const userStates = ['online', 'away', 'break', 'offline'] as const;
export type UserState = (typeof userStates)[number];

export const groupStrategies = ['utilisation', 'whole_group'] as const;
export type GroupStrategy = (typeof groupStrategies)[number];

export const senders = ['client', 'operator', 'chatbot', 'system'] as const;
export type Sender = (typeof senders)[number];

export const activityTypes = ['message', 'file', 'system'] as const;
export type ActivityType = (typeof activityTypes)[number];

export const participantKinds = ['operator', 'chatbot'] as const;

export const identityKinds = [
  'visitor_id',
  'ip',
  'phone',
  'email',
  'psid',
  'wa_id',
  'apple_id',
  'vk_id',
] as const;
export type IdentityKind = (typeof identityKinds)[number];

export const recordingTracks = [
  'client_av',
  'operator_av',
  'all_participants',
  'screen_share',
  'phone_call',
] as const;
export type RecordingTrack = (typeof recordingTracks)[number];

export const recordingStates = ['recording', 'processing', 'ready', 'failed', 'deleted'] as const;
export type RecordingState = (typeof recordingStates)[number];

export const routingEventKinds = [
  'rule_matched',
  'entered_queue',
  'offered',
  'offer_timed_out',
  'offer_declined',
  'accepted',
  'redirected',
  'queue_timeout',
  'routing_failed',
  'ended',
  'restored',
] as const;
export type RoutingEventKind = (typeof routingEventKinds)[number];

/** What became of an offer of a session to an operator. */
export const offerStates = ['pending', 'accepted', 'declined', 'timed_out', 'withdrawn'] as const;
export type OfferState = (typeof offerStates)[number];

/** Formats of the sessions export and the states of a background export job. */
/**
 * What a ban names (the API's words, stored as such): a web chat visitor id, an IP address or subnet,
 * an e-mail, a phone number, and the messaging platforms' own client ids.
 */
export const banIdentityKinds = [
  'visitorId',
  'ip',
  'email',
  'phone',
  'psid',
  'waId',
  'appleId',
  'vkId',
] as const;
export type BanIdentityKind = (typeof banIdentityKinds)[number];

export const exportFormats = ['csv', 'html'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportJobStates = ['queued', 'running', 'done', 'failed', 'canceled'] as const;
export type ExportJobState = (typeof exportJobStates)[number];

/**
 * Which column holds which enumeration: drives the generated table types and the test that checks
 * the database's CHECK constraints list exactly these values.
 */
export const enumColumns = {
  'users.role': ['admin', 'supervisor', 'operator'],
  'users.state': userStates,
  'api_keys.role': apiKeyRoles,
  'operator_groups.strategy': groupStrategies,
  'contact_identities.kind': identityKinds,
  'sessions.channel': channels,
  'sessions.source': sources,
  'sessions.status': statuses,
  'sessions.end_reason': endReasons,
  'sessions.client_left': clientLeftValues,
  'session_participants.kind': participantKinds,
  'activities.sender': senders,
  'activities.type': activityTypes,
  'recordings.track': recordingTracks,
  'recordings.state': recordingStates,
  'routing_events.kind': routingEventKinds,
  'session_offers.state': offerStates,
  'export_jobs.format': exportFormats,
  'export_jobs.state': exportJobStates,
  'export_jobs.requested_role': ['admin', 'supervisor', 'operator'],
  'channel_accounts.type': channelAccountTypes,
  'channel_deliveries.state': deliveryStates,
  'channel_statuses.state': ['sent', 'delivered', 'read', 'failed'],
  'bans.channel': channels,
  'ban_identities.kind': banIdentityKinds,
} as const satisfies Record<string, readonly string[]>;
