import nodemailer from 'nodemailer';
import type { OutgoingMail } from './use-cases/inbox.ts';

/**
 * Sends outbox mail through the SMTP server of SMTP_URL (smtp:// or smtps://, with credentials).
 * `{ jsonTransport: true }` builds the message without sending it, for tests.
 */
export function smtpSender(transportOptions: string | { jsonTransport: true }, from: string) {
  const transport =
    typeof transportOptions === 'string' ? nodemailer.createTransport(transportOptions) : nodemailer.createTransport(transportOptions);
  return {
    send: async (mail: OutgoingMail): Promise<{ message?: unknown }> =>
      (await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })) as { message?: unknown },
    close: () => transport.close(),
  };
}
