import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { smtpSender } from '../../src/mail.ts';
import { deliverOutbox, type OutgoingMail } from '../../src/use-cases/inbox.ts';
import { createTestDatabase } from '../support/test-db.ts';

describe('delivering the email outbox', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db
      .insertInto('email_outbox')
      .values(['a@example.org', 'b@example.org', 'c@example.org'].map((to) => ({ to_address: to, subject: `kongtun: ${to}`, body: 'มีโครงการส่งมาใหม่\n\n/proposals/1' })))
      .execute();
  });
  afterAll(() => database.close());

  const unsent = async () => (await database.db.selectFrom('email_outbox').select(['to_address', 'error']).where('sent_at', 'is', null).orderBy('id').execute());

  it('marks what was sent and keeps what failed, with its error, for the next round', async () => {
    const sent: OutgoingMail[] = [];
    const result = await deliverOutbox(database.db, async (mail) => {
      if (mail.to === 'b@example.org') throw new Error('550 mailbox unavailable');
      sent.push(mail);
    });
    expect(result).toEqual({ sent: 2, failed: 1 });
    expect(sent.map((m) => m.to)).toEqual(['a@example.org', 'c@example.org']);
    expect(sent[0]).toEqual({ to: 'a@example.org', subject: 'kongtun: a@example.org', text: 'มีโครงการส่งมาใหม่\n\n/proposals/1' });
    expect(await unsent()).toEqual([{ to_address: 'b@example.org', error: '550 mailbox unavailable' }]);

    // The next round sends only what still waits.
    const again: string[] = [];
    expect(await deliverOutbox(database.db, async (mail) => void again.push(mail.to))).toEqual({ sent: 1, failed: 0 });
    expect(again).toEqual(['b@example.org']);
    expect(await unsent()).toEqual([]);
    expect(await deliverOutbox(database.db, async () => {})).toEqual({ sent: 0, failed: 0 });
  });

  it('hands nodemailer a message it can send, Thai text intact', async () => {
    await database.db.insertInto('email_outbox').values({ to_address: 'd@example.org', subject: 'kongtun: อนุมัติแล้ว', body: 'กรรมการอนุมัติโครงการแล้ว' }).execute();
    // nodemailer's JSON transport builds the message without a network, as SMTP would receive it.
    const sender = smtpSender({ jsonTransport: true }, 'kongtun <no-reply@localhost>');
    const built: { from: { address: string }; to: { address: string }[]; subject: string; text: string }[] = [];
    await deliverOutbox(database.db, async (mail) => {
      built.push(JSON.parse(String((await sender.send(mail)).message)));
    });
    sender.close();
    expect(built).toEqual([expect.objectContaining({ from: expect.objectContaining({ address: 'no-reply@localhost' }), to: [expect.objectContaining({ address: 'd@example.org' })], subject: 'kongtun: อนุมัติแล้ว', text: 'กรรมการอนุมัติโครงการแล้ว' })]);
  });
});
