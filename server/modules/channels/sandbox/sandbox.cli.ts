import { InvalidArgumentError, type Command } from 'commander';
import { channelsSandbox } from './channels-sandbox';

const port = (value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new InvalidArgumentError('expected a port');
  return number;
};

/** `sessiondesk channels-sandbox`: the stand-in platforms on a local port, until Ctrl+C. */
export function registerChannelsSandboxCommand(program: Command): void {
  program
    .command('channels-sandbox')
    .description(
      'Run local stand-ins of the WhatsApp Cloud API and the Messenger Platform (docs/channels.md)',
    )
    .option('--port <port>', 'port to listen on (0: any free one)', port, 4010)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--auto-statuses', 'answer each accepted send with sent, delivered and read statuses')
    .action(async (options: { port: number; host: string; autoStatuses?: boolean }) => {
      const sandbox = channelsSandbox({ autoStatuses: options.autoStatuses ?? false });
      const url = await sandbox.listen(options.port, options.host);
      process.stdout.write(
        `Channels sandbox on ${url}\n` +
          `Use it as the baseUrl of a channel account; register the account with\n` +
          `  POST ${url}/_sandbox/whatsapp/accounts {"phoneNumberId","accessToken","appSecret","webhookUrl"}\n` +
          `  POST ${url}/_sandbox/messenger/accounts {"pageId","pageAccessToken","appSecret","webhookUrl"}\n` +
          `then make a client write: POST ${url}/_sandbox/whatsapp/inbound {"phoneNumberId","waId","name","text"}\n`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sandbox.close();
    });
}
