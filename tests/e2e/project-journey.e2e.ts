import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityPhoto } from '../../src/db/seed/demo-png.ts';
import { BE_OFFSET, currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { addToAgenda, createMeeting, getMeeting, saveAttendance } from '../../src/use-cases/meetings.ts';
import { getProposal } from '../../src/use-cases/proposals.ts';
import { actorFor } from '../support/actors.ts';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';
import { reviewedProposal } from './support/reviewed-proposal.ts';
import { demoDataDir, type RunningServer, startServer } from './support/server.ts';

// One project from the committee's approval to its close, in the browser at a phone's width:
// the officer records the approval and the project gets its periods; a voucher for it passes
// the whole sign-off chain and pays it; the group records an activity with a photo (refused
// first for a date before the project began); its progress report goes to the mentor, comes
// back with a comment, is sent again, checked and accepted; the closing summary shows what is
// left over, the finance officer takes it back as a refund, and the officer closes the project.
// The meeting, its quorum and the agenda are prepared through the use cases (meeting.e2e.ts
// walks them in the browser).

const TITLE = 'โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง (ติดตามโครงการ)';
const FUND = 'L1978';
const SPENT = '11,299.50';
const LEFT_OVER = '700.50';

const bangkokToday = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Bangkok' });
const thaiDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y! + BE_OFFSET}`;
};

describe('a project from approval to its close', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let meetingId: number;
  const year = currentFiscalYear();
  // The project began on the first of this month and runs to the end of the fiscal year.
  const today = bangkokToday();
  const start = `${today.slice(0, 8)}01`;

  beforeAll(async () => {
    dataDir = await demoDataDir('project', async (db) => {
      const id = await reviewedProposal(db, { title: TITLE, periodStart: thaiDate(start), periodEnd: `30/9/${year}` });
      const officer = await actorFor(db, `officer.${FUND.toLowerCase()}`);
      ({ id: meetingId } = await createMeeting(db, officer, { code: FUND, meeting_date: today, place: 'ห้องประชุมองค์การบริหารส่วนตำบลเมือง' }));
      const version = (await getProposal(db, officer, { id })).version;
      await addToAgenda(db, officer, { id: meetingId, proposalId: id, version });
      const meeting = await getMeeting(db, officer, { id: meetingId });
      const present = meeting.members.slice(0, Math.ceil(meeting.members.length / 2) + 1);
      await saveAttendance(db, officer, { id: meetingId, version: meeting.version, present: Object.fromEntries(present.map((m) => [m.id, 'on'])) });
    });
    server = await startServer({ DATA_DIR: dataDir });
    base = server.url;
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    server?.process.kill('SIGTERM');
    await server?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const sessions: { close: () => Promise<void>; problems: string[] }[] = [];
  async function signedIn(username: string): Promise<Page> {
    const session = await newPage(browser, { width: 360 });
    sessions.push(session);
    await session.page.goto(`${base}/sign-in`);
    await session.page.getByLabel('ชื่อผู้ใช้').fill(username);
    await session.page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
    await session.page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await session.page.waitForURL(`${base}/`);
    return session.page;
  }
  const main = async (page: Page) => (await page.textContent('main')) ?? '';
  // A link or a form changes the address before the next page has rendered: wait for the page.
  const sees = (page: Page, text: string | RegExp) =>
    typeof text === 'string' ? expect.poll(() => main(page)).toContain(text) : expect.poll(() => main(page)).toMatch(text);
  const user = (role: string) => `${role}.${FUND.toLowerCase()}`;

  it('approves, pays, follows, reports, refunds and closes the project', async () => {
    // The committee's decision, recorded by the officer: the proposal becomes a running project.
    const officer = await signedIn(user('officer'));
    await officer.goto(`${base}/funds/${FUND}/meetings/${meetingId}`);
    const item = officer.locator('article.meeting-item');
    await item.locator('input[type="radio"][value="approve"]').check();
    await item.getByLabel('งบประมาณที่อนุมัติ (บาท)').fill('12,000');
    await officer.getByRole('button', { name: 'บันทึกมติ' }).click();
    await officer.waitForSelector('text=บันทึกมติแล้ว');
    const code = new RegExp(`${year % 100}-${FUND}-2-\\d\\d`).exec(await main(officer))?.[0];
    expect(code).toBeDefined();
    await officer.goto(`${base}/projects/${code}`);
    await officer.getByRole('link', { name: 'ติดตามโครงการ' }).click();
    await sees(officer, 'กำลังดำเนินการ');
    expect(await main(officer)).toContain('งวดที่ 1');
    await expectAccessible(officer);

    // A voucher for the whole approved amount, signed by the four in turn; the chair's signature pays.
    await officer.goto(`${base}/funds/${FUND}/vouchers/new`);
    await officer.getByLabel('โครงการ', { exact: true }).selectOption(code!);
    await officer.getByLabel('จำนวนเงิน (บาท)').fill('12,000');
    await officer.getByLabel('เลขที่เช็ค').fill('20304050');
    await officer.getByRole('button', { name: 'ส่งใบขอเบิก' }).click();
    await officer.waitForURL(/\/vouchers\/\d+\?done=request$/);
    const voucherUrl = officer.url().replace(/\?.*$/, '');
    for (const [role, button] of [
      ['finance', 'ตรวจสอบแล้ว'],
      ['treasurer', 'หัวหน้าหน่วยงานคลังเห็นชอบ'],
      ['clerk', 'ปลัดเห็นชอบ'],
      ['chair', 'ประธานอนุมัติจ่าย'],
    ] as const) {
      const signer = await signedIn(user(role));
      await signer.goto(voucherUrl);
      await signer.getByRole('button', { name: button }).click();
      await expect.poll(() => main(signer)).toContain(`บันทึกแล้ว: ${button}`);
    }
    await officer.goto(voucherUrl);
    await sees(officer, new RegExp(`PAY${year}-\\d{4}`));

    // The group records what it did on a phone: a date before the project is refused beside its
    // field with what was typed kept; then the activity goes in with its spending and a photo.
    const proposer = await signedIn('proposer.l1978');
    await proposer.goto(`${base}/projects/${code}/follow-up`);
    expect(await main(proposer)).toContain('12,000.00');
    await proposer.getByRole('link', { name: 'บันทึกกิจกรรมใหม่' }).click();
    await sees(proposer, 'ชื่อกิจกรรม');
    await expectAccessible(proposer);
    const dayBefore = new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await proposer.getByLabel('วันที่ทำกิจกรรม').fill(thaiDate(dayBefore));
    await proposer.getByLabel('ชื่อกิจกรรม').fill('เยี่ยมบ้านผู้สูงอายุติดเตียง ครั้งที่ 1');
    await proposer.locator('[name="expenses.2.amount"]').fill(SPENT);
    await proposer.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await expect.poll(() => main(proposer)).toContain('วันที่ก่อนวันเริ่มโครงการ');
    expect(await proposer.getByLabel('ชื่อกิจกรรม').inputValue()).toBe('เยี่ยมบ้านผู้สูงอายุติดเตียง ครั้งที่ 1');
    await proposer.getByLabel('วันที่ทำกิจกรรม').fill(thaiDate(today));
    await proposer.locator('[name="expenses.2.amount"]').fill(SPENT);
    await proposer.locator('input[name="files.photo"]').setInputFiles({ name: 'เยี่ยมบ้าน.png', mimeType: 'image/png', buffer: activityPhoto(7) });
    await proposer.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await sees(proposer, 'บันทึกกิจกรรมแล้ว');
    expect(await proposer.locator('.followup-thumb').count()).toBe(1);
    expect(await main(proposer)).toContain(SPENT);

    // The progress report of period 1, from the records; the mentor sends it back with a comment.
    await proposer.goto(`${base}/projects/${code}/reports`);
    await expectAccessible(proposer);
    const startReport = async (page: Page, kind: string) => {
      await page.goto(`${base}/projects/${code}/reports`);
      await page.locator('tr', { hasText: kind }).first().getByRole('button', { name: 'เริ่มรายงาน' }).click();
      await expect.poll(() => main(page)).toContain('เริ่มรายงานแล้ว');
      return page.url().replace(/[?#].*$/, '');
    };
    const progressUrl = await startReport(proposer, 'รายงานความก้าวหน้า (ส.1)');
    expect(await main(proposer)).toContain('เยี่ยมบ้านผู้สูงอายุติดเตียง ครั้งที่ 1');
    await proposer.getByRole('button', { name: 'บันทึกและส่งรายงาน' }).click();
    await expect.poll(() => main(proposer)).toContain('ส่งรายงานแล้ว');

    const mentor = await signedIn('mentor.l1978');
    await mentor.goto(progressUrl);
    await mentor.getByRole('button', { name: 'ส่งกลับให้แก้ไข' }).click();
    await expect.poll(() => main(mentor)).toContain('ระบุความเห็นว่าต้องแก้ไขอะไร');
    await mentor.getByLabel('ความเห็น (ต้องระบุเมื่อส่งกลับให้แก้ไข)').fill('ขอให้เพิ่มจำนวนผู้สูงอายุที่ได้รับการเยี่ยม');
    await mentor.getByRole('button', { name: 'ส่งกลับให้แก้ไข' }).click();
    await expect.poll(() => main(mentor)).toContain('ส่งรายงานกลับให้แก้ไขแล้ว');

    await proposer.goto(progressUrl);
    expect(await main(proposer)).toContain('ขอให้เพิ่มจำนวนผู้สูงอายุที่ได้รับการเยี่ยม');
    await proposer.getByRole('button', { name: 'บันทึกและส่งรายงาน' }).click();
    await expect.poll(() => main(proposer)).toContain('ส่งรายงานแล้ว');
    await mentor.goto(progressUrl);
    await mentor.getByRole('button', { name: 'พี่เลี้ยงตรวจแล้ว' }).click();
    await expect.poll(() => main(mentor)).toContain('บันทึกการตรวจแล้ว');
    await officer.goto(progressUrl);
    await officer.getByRole('button', { name: 'รับรองรายงาน' }).click();
    await expect.poll(() => main(officer)).toContain('รับรองรายงานแล้ว');

    // The closing summary shows what is left over; the group sends it and the final report.
    const closingUrl = await startReport(proposer, 'รายงานสรุปการเงินปิดโครงการ (ง.2)');
    expect(await main(proposer)).toContain(LEFT_OVER);
    await proposer.getByRole('button', { name: 'บันทึกและส่งรายงาน' }).click();
    await expect.poll(() => main(proposer)).toContain('ส่งรายงานแล้ว');
    const finalUrl = await startReport(proposer, 'รายงานผลการดำเนินงาน (ส.3)');
    await proposer.getByRole('button', { name: 'บันทึกและส่งรายงาน' }).click();
    await expect.poll(() => main(proposer)).toContain('ส่งรายงานแล้ว');
    // The final report prints on A4.
    await proposer.goto(`${finalUrl}/print`);
    await sees(proposer, TITLE);
    await proposer.emulateMedia({ media: 'print' });
    expect((await proposer.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
    expect(closingUrl).not.toBe(finalUrl);

    // The finance officer takes the left-over money back; more than was paid is refused.
    const finance = await signedIn(user('finance'));
    await finance.goto(`${base}/funds/${FUND}/ledger/${year}`);
    await finance.getByLabel('รับจาก').selectOption('refund');
    await finance.getByLabel('รหัสโครงการ').fill(code!);
    await finance.getByLabel('จำนวนเงิน (บาท)').fill('12,000.01');
    await finance.getByRole('button', { name: 'บันทึกรับเงิน' }).click();
    await expect.poll(() => main(finance)).toContain('เงินคืนมากกว่าที่จ่ายให้โครงการไป');
    await finance.getByLabel('จำนวนเงิน (บาท)').fill(LEFT_OVER);
    await finance.getByRole('button', { name: 'บันทึกรับเงิน' }).click();
    await expect.poll(() => main(finance)).toMatch(new RegExp(`บันทึกเงินคืนแล้ว เลขที่ RET${year}-\\d{4}`));

    // The officer closes the project; it takes no new status after that.
    await officer.goto(`${base}/projects/${code}/follow-up`);
    await officer.getByLabel('สถานะใหม่').selectOption('completed');
    await officer.getByRole('button', { name: 'เปลี่ยนสถานะ' }).click();
    await expect.poll(() => main(officer)).toContain('เปลี่ยนสถานะโครงการแล้ว');
    const closed = await main(officer);
    expect(closed).toContain('เสร็จสิ้น');
    expect(closed).toContain(LEFT_OVER);
    expect(closed).toContain('สถานะนี้เป็นสถานะสุดท้าย');
    await expectAccessible(officer);

    for (const session of sessions) {
      expect(session.problems).toEqual([]);
      await session.close();
    }
  }, 300_000);
});
