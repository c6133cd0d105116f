import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { AppError, notFound } from '../../platform/errors';
import { restorableChannels, type ChannelAccountType } from '../../../common/domain';
import {
  renderTemplate,
  templateMatchesLanguage,
  templateParameterProblem,
} from '../../../common/whatsapp-template';
import type { ChannelAccountService, OpenAccount } from '../channels/channel-account.service';
import { channelRepository } from '../channels/channel.repository';
import { accountWindow, restoreOptions, type WindowAnswer } from '../channels/messaging-window';
import { isOffered, type WhatsappTemplateService } from '../channels/whatsapp-template.service';
import type { RoutingService } from '../routing/routing.service';
import { routingRepository, type SessionRow } from '../routing/routing.repository';
import type { SessionService } from '../sessions/session.service';
import { clientBan } from './client-ban';
import { restoreRepository } from './restore.repository';
import type { RestoreBody, restoreBlockers } from './restore.schemas';

type Blocker = (typeof restoreBlockers)[number];

/** What the rule says about restoring one ended session now. */
interface Examined {
  origin: SessionRow;
  blocked: { code: Blocker; message: string } | null;
  account: OpenAccount | null;
  clientId: string | null;
  window: WindowAnswer | null;
  lastInboundAt: Date | null;
  liveSessionId: string | null;
}

const isRestorable = (channel: string): channel is ChannelAccountType =>
  (restorableChannels as readonly string[]).includes(channel);

/**
 * Restore of an ended messaging session (issue #16): what may be sent now — the messaging window
 * (`channels/messaging-window.ts`, the rule the outbox applies too), computed from the client's last
 * message on the account, whichever session it was in — and the restore itself, an engine step
 * (`routing/routing-restore.ts`) under the channels' per-client lock, so two restores at once, or a
 * restore and the client writing, make one live session.
 */
export function restoreService(
  db: Database,
  deps: {
    sessions: Pick<SessionService, 'requireVisible'>;
    accounts: ChannelAccountService;
    templates: WhatsappTemplateService;
    routing: Pick<RoutingService, 'restore'>;
    now: () => Date;
  },
) {
  async function examine(principal: Principal, sessionId: string): Promise<Examined> {
    // Visibility first: another tenant's session, or one the caller may not see, is a 404.
    await deps.sessions.requireVisible(principal, sessionId);
    const origin = await routingRepository.findSession(db, principal.tenantId, sessionId);
    if (!origin) throw notFound(`Session ${sessionId}`);
    const result: Examined = {
      origin,
      blocked: null,
      account: null,
      clientId: null,
      window: null,
      lastInboundAt: null,
      liveSessionId: null,
    };
    const block = (code: Blocker, message: string) => ({ ...result, blocked: { code, message } });
    if (!isRestorable(origin.channel))
      return block(
        'restore.not_messaging',
        'Only sessions of WhatsApp, Messenger, Apple Messages for Business and VKontakte can be restored.',
      );
    if (origin.status !== 'closed')
      return block('restore.session_live', 'The session is still live; write in it instead.');
    const link = await channelRepository.sessionLink(db, principal.tenantId, sessionId);
    if (!link)
      return block(
        'restore.no_platform_client',
        'The session is not linked to a client of a connected account (an imported session).',
      );
    result.clientId = link.client_id;
    const account = await deps.accounts.openAccount(principal.tenantId, link.account_id);
    if (!account) throw notFound(`Channel account ${link.account_id}`);
    result.account = account;
    result.liveSessionId =
      (await channelRepository.liveSession(db, principal.tenantId, account.id, link.client_id)) ?? null;
    if (!account.enabled) return block('restore.account_disabled', 'The channel account is disabled.');
    const banned = await clientBan(db, principal.tenantId, account.type, {
      platformClientId: link.client_id,
      phone: origin.client_phone,
      email: origin.client_email,
    });
    if (banned) return block('restore.client_banned', 'The client is banned on this channel.');
    result.lastInboundAt = await channelRepository.lastInboundAt(
      db,
      principal.tenantId,
      account.id,
      link.client_id,
    );
    result.window = accountWindow(account, result.lastInboundAt, deps.now());
    const options = restoreOptions(account.type, result.window);
    if (!options.text && !options.template)
      return block('restore.window_closed', windowClosedMessage(result.window));
    return result;
  }

  function windowClosedMessage(window: WindowAnswer): string {
    switch (window.reason) {
      case 'messenger_human_agent_not_allowed':
        return "More than 24 hours since the client's last message, and this page may not use the HUMAN_AGENT tag.";
      case 'messenger_window_closed':
        return "More than 7 days since the client's last message: Messenger allows no message.";
      case 'never_wrote':
        return 'The client has never written to this account.';
      case 'whatsapp_customer_service_window':
      case 'whatsapp_window_closed':
      case 'messenger_standard_window':
      case 'messenger_human_agent_window':
      case 'apple_customer_initiated':
      case 'vkontakte_messages_allowed':
        return 'The platform allows no message now.';
    }
  }

  /** The first message: text where the window allows it, else (WhatsApp) an approved template, checked. */
  async function firstMessage(examined: Examined, account: OpenAccount, body: RestoreBody) {
    const options = restoreOptions(account.type, examined.window!);
    if (body.text !== undefined) {
      if (!options.text)
        throw new AppError(
          'restore.template_required',
          "Outside WhatsApp's 24-hour window only an approved template can be sent.",
          { options },
        );
      return { text: body.text, template: null, option: examined.window!.allows };
    }
    const requested = body.template!;
    if (!options.template)
      throw new AppError('restore.template_not_allowed', 'Message templates exist only on WhatsApp.');
    const template = await deps.templates.find(
      account.tenantId,
      account.id,
      requested.name,
      requested.language,
    );
    if (!template || !isOffered(template))
      throw new AppError(
        'restore.template_unknown',
        `The account has no approved template "${requested.name}" in ${requested.language}; refresh the templates in Administration › Channels.`,
      );
    if (requested.parameters.length !== template.parameter_count)
      throw new AppError(
        'restore.template_parameters',
        `The template expects ${template.parameter_count} parameter(s), ${requested.parameters.length} given.`,
        { expected: template.parameter_count },
      );
    requested.parameters.forEach((value, index) => {
      const problem = templateParameterProblem(value);
      if (problem)
        throw new AppError(
          'restore.template_parameters',
          `Parameter {{${index + 1}}}: ${problem.replaceAll('_', ' ')}.`,
          {
            parameter: index + 1,
            problem,
          },
        );
    });
    return {
      text: renderTemplate(template.body, requested.parameters),
      template: { name: template.name, language: template.language, parameters: requested.parameters },
      option: 'template' as const,
    };
  }

  function summary(session: SessionRow) {
    return {
      id: session.id,
      status: session.status,
      channel: session.channel as ChannelAccountType,
      source: session.source,
      restoredFrom: session.restored_from_id,
      createdAt: session.created_at,
    };
  }

  return {
    /** What the Restore dialog asks: is it allowed now, which option, why and until when, which templates. */
    async options(principal: Principal, sessionId: string) {
      const examined = await examine(principal, sessionId);
      const { account, window } = examined;
      const options =
        account && window && !examined.blocked
          ? restoreOptions(account.type, window)
          : { text: false, template: false };
      const templates =
        account?.type === 'whatsapp' && options.template
          ? (await deps.templates.offered(principal.tenantId, account.id))
              .map((template) => ({
                ...template,
                inClientLanguage: templateMatchesLanguage(template.language, examined.origin.client_language),
              }))
              .sort((a, b) => Number(b.inClientLanguage) - Number(a.inClientLanguage))
          : [];
      return {
        restorable: examined.blocked === null,
        blocked: examined.blocked,
        channel: examined.origin.channel,
        accountId: account?.id ?? null,
        window: window
          ? {
              allows: window.allows,
              reason: window.reason,
              closesAt: window.closesAt,
              lastInboundAt: examined.lastInboundAt,
              tag: window.allows === 'tag' ? window.tag : null,
            }
          : null,
        options,
        templates,
        clientLanguage: examined.origin.client_language,
        liveSessionId: examined.liveSessionId,
        groups: examined.blocked ? [] : await restoreRepository.groups(db, principal.tenantId),
        canTakeIt: principal.userId !== null,
      };
    },

    /**
     * Restores: a new session of the same account and client (or the client's live one on the account,
     * which is answered instead), taken by the caller or offered to `groupId`, with the first message in
     * the outbox. Errors carry stable codes (see the route).
     */
    async restore(principal: Principal, sessionId: string, body: RestoreBody) {
      const examined = await examine(principal, sessionId);
      if (examined.blocked) throw new AppError(examined.blocked.code, examined.blocked.message);
      const { account, clientId, origin } = examined;
      if (!account || !clientId) throw new Error('An unblocked restore has its account and client.');
      if (examined.liveSessionId) {
        // The client already talks to the account in another session: that one is answered.
        const live = await routingRepository.findSession(db, principal.tenantId, examined.liveSessionId);
        if (live) return { created: false, session: summary(live) };
      }
      if (body.groupId === undefined && principal.userId === null)
        throw new AppError(
          'restore.group_required',
          'An API key acting for no user must name the group the new session is offered to (groupId).',
        );
      const first = await firstMessage(examined, account, body);
      const outcome = await deps.routing.restore({
        actor: principal,
        origin,
        channel: account.type,
        assignTo: body.groupId !== undefined ? { groupId: body.groupId } : { operatorId: principal.userId! },
        firstMessage: { text: first.text, template: first.template },
        claim: async (trx) => {
          await channelRepository.lockClient(trx, principal.tenantId, account.id, clientId);
          return channelRepository.liveSession(trx, principal.tenantId, account.id, clientId);
        },
        link: (trx, session) =>
          channelRepository.linkSession(trx, {
            tenantId: principal.tenantId,
            sessionId: session.id,
            accountId: account.id,
            clientId,
          }),
        audit: {
          option: first.option,
          ...(first.template ? { template: first.template.name, language: first.template.language } : {}),
        },
      });
      if (outcome.created) return { created: true, session: summary(outcome.session) };
      const live = await routingRepository.findSession(db, principal.tenantId, outcome.sessionId);
      if (!live) throw notFound(`Session ${outcome.sessionId}`);
      return { created: false, session: summary(live) };
    },
  };
}

export type RestoreService = ReturnType<typeof restoreService>;
