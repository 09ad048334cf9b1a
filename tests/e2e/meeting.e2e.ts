import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';
import { signInOverHttp } from './support/http.ts';
import { reviewedProposal } from './support/reviewed-proposal.ts';
import { demoDataDir, type RunningServer, startServer } from './support/server.ts';

// A committee meeting from call to printed minutes: the officer of L1978 calls it, puts a
// reviewed proposal on the agenda, is refused a decision without a quorum, reaches it and
// approves less than was asked with conditions; the proposal becomes a project with its code,
// the proposer is told in the inbox, the minutes print, and a committee member of another fund
// is kept out. The server has a data folder of its own, prepared before it starts: PGlite is
// one process's database, and the reviewed proposal is made through the use cases by the
// proposer and the mentor themselves.

// Unlike any demo proposal's title, so the page can be searched for it.
const TITLE = 'โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง หมู่ 1–5 (ทดสอบ)';
const PLACE = 'ห้องประชุมองค์การบริหารส่วนตำบลเมือง';

/** Demo data plus one proposal of proposer.l1978 to L1978 that mentor.l1978 has reviewed (12,000 baht, 10(2)). */
async function prepare(db: Kysely<DB>): Promise<void> {
  // Demo accounts have no email; with one, the proposer's notices also reach the outbox.
  await db.updateTable('app_user').set({ email: 'proposer.l1978@example.org' }).where('username', '=', 'proposer.l1978').execute();
  await reviewedProposal(db, { title: TITLE, periodStart: '1/12/2569', periodEnd: '30/9/2570' });
}

describe('committee meeting', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let meetingUrl: string;

  beforeAll(async () => {
    dataDir = await demoDataDir('meeting', prepare);
    server = await startServer({ DATA_DIR: dataDir });
    base = server.url;
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    server?.process.kill('SIGTERM');
    await server?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('ชื่อผู้ใช้').fill(username);
    await page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL(`${base}/`);
  }

  const main = async (page: Page) => (await page.textContent('main')) ?? '';

  it('an officer calls a meeting, is refused decisions without a quorum, then approves with a quorum; the minutes print', async () => {
    const { page, problems, close } = await newPage(browser, { width: 360 });
    await signIn(page, 'officer.l1978');
    await page.goto(`${base}/funds/L1978/meetings`);
    await expectAccessible(page);
    await page.getByLabel('สถานที่ประชุม').fill(PLACE);
    await page.getByRole('button', { name: 'เรียกประชุม' }).click();
    await page.waitForSelector('text=เรียกประชุมแล้ว');
    meetingUrl = page.url().replace(/\?.*$/, '');
    expect(await page.textContent('h1')).toMatch(/ครั้งที่ \d+\/2570/);
    expect(await main(page)).toContain(PLACE);

    // The reviewed proposal goes on the agenda.
    await page.getByRole('button', { name: `บรรจุเข้าวาระประชุม ${TITLE}`, exact: true }).click();
    await page.waitForSelector('text=บรรจุโครงการเข้าวาระแล้ว');
    expect(await page.locator('article.meeting-item').count()).toBe(1);
    await expectAccessible(page);

    // Three members present: below the quorum.
    const boxes = page.locator('input[type="checkbox"][name^="present."]');
    const serving = await boxes.count();
    expect(serving).toBeGreaterThan(6);
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'บันทึกผู้เข้าประชุม' }).click();
    await page.waitForSelector('text=บันทึกผู้เข้าประชุมแล้ว');
    expect(await main(page)).toContain(`มาประชุม 3 จาก ${serving} คน ไม่ครบองค์ประชุม`);

    // The decision is refused for want of a quorum; what was typed stays.
    const item = page.locator('article.meeting-item');
    await item.locator('input[type="radio"][value="approve"]').check();
    await item.getByLabel('งบประมาณที่อนุมัติ (บาท)').fill('10,000');
    await item.getByLabel('เงื่อนไข (ไม่บังคับ)').fill('ส่งรายงานผลภายใน 30 วันหลังจบโครงการ');
    await page.getByRole('button', { name: 'บันทึกมติ' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('.error-summary')).toContain(`ยังไม่ครบองค์ประชุม (มา 3 จาก ${serving} คน`);
    expect(await item.getByLabel('งบประมาณที่อนุมัติ (บาท)').inputValue()).toBe('10,000');
    expect(await item.locator('input[type="radio"][value="approve"]').isChecked()).toBe(true);
    await expectAccessible(page);

    // Enough members present, and the same decision goes through.
    for (let i = 3; i < Math.ceil(serving / 2); i++) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'บันทึกผู้เข้าประชุม' }).click();
    await page.waitForSelector('text=บันทึกผู้เข้าประชุมแล้ว');
    expect(await main(page)).toContain(`มาประชุม ${Math.ceil(serving / 2)} จาก ${serving} คน ครบองค์ประชุม`);
    await item.locator('input[type="radio"][value="approve"]').check();
    await item.getByLabel('งบประมาณที่อนุมัติ (บาท)').fill('10,000');
    await item.getByLabel('เงื่อนไข (ไม่บังคับ)').fill('ส่งรายงานผลภายใน 30 วันหลังจบโครงการ');
    await page.getByRole('button', { name: 'บันทึกมติ' }).click();
    await page.waitForSelector('text=บันทึกมติแล้ว');
    const decided = await main(page);
    const code = /70-L1978-2-\d\d/.exec(decided)?.[0];
    expect(code).toBeDefined();
    expect(decided).toContain('10,000.00 บาท');
    expect(decided).toContain('ส่งรายงานผลภายใน 30 วันหลังจบโครงการ');
    expect(await page.getByRole('button', { name: 'บันทึกมติ' }).count()).toBe(0);
    await expectAccessible(page);

    // The printed minutes: the amounts in words, the decision and the signature blocks.
    await page.goto(`${meetingUrl}/resolution`);
    expect(await page.textContent('h1')).toContain('รายงานการประชุมคณะกรรมการกองทุนหลักประกันสุขภาพ');
    const minutes = await page.textContent('.resolution');
    expect(minutes).toContain('หนึ่งหมื่นสองพันบาทถ้วน');
    expect(minutes).toContain('หนึ่งหมื่นบาทถ้วน');
    expect(minutes).toContain(code);
    expect(minutes).toContain('ผู้จดรายงานการประชุม');
    expect(minutes).toContain('ผู้ตรวจรายงานการประชุม');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('tells the proposer in the inbox, with the unread count beside their name, and keeps the email for the admin', async () => {
    const { page, problems, close } = await newPage(browser, { width: 1280 });
    await signIn(page, 'proposer.l1978');
    const badge = page.locator('.site-header a[href="/inbox"]');
    const before = Number(/\((\d+)/.exec((await badge.textContent()) ?? '')?.[1]);
    expect(before).toBeGreaterThan(0);
    await page.goto(`${base}/inbox`);
    // Report reminders (the demo's own projects) may come first; the approval is the newest notice.
    const newest = page.locator('.inbox-item', { hasText: `กรรมการอนุมัติโครงการแล้ว: ${TITLE}` }).first();
    expect(await newest.count()).toBe(1);
    expect(await newest.getAttribute('class')).toContain('inbox-item--unread');
    await expectAccessible(page);

    // Opening it is a plain link: marked read, then on to the proposal.
    const href = (await newest.locator('a').getAttribute('href'))!;
    const opened = await page.request.get(`${base}${href}`, { maxRedirects: 0 });
    expect(opened.status()).toBe(302);
    expect(opened.headers().location).toMatch(/^\/proposals\/\d+$/);
    await page.goto(`${base}/inbox`);
    expect(await newest.getAttribute('class')).not.toContain('inbox-item--unread');
    expect(await badge.textContent()).toContain(`(${before - 1}`);

    await page.getByRole('button', { name: 'ทำเครื่องหมายว่าอ่านแล้วทั้งหมด' }).click();
    await page.waitForSelector('text=ทุกข้อความถูกทำเครื่องหมายว่าอ่านแล้ว');
    expect((await badge.textContent())?.trim()).toBe('กล่องข้อความ');
    expect(problems).toEqual([]);
    await close();

    // Without SMTP the email waits in the outbox, which only the admin reads.
    const admin = await signInOverHttp(base, 'admin');
    const outbox = await (await fetch(`${base}/admin/outbox`, { headers: { cookie: admin } })).text();
    expect(outbox).toContain('proposer.l1978@example.org');
    expect(outbox).toContain(`กรรมการอนุมัติโครงการแล้ว: ${TITLE}`);
    expect(outbox).toContain('ยังไม่ได้ส่ง: ยังไม่ได้ตั้งค่า SMTP');
    const officer = await signInOverHttp(base, 'officer.l1978');
    expect((await fetch(`${base}/admin/outbox`, { headers: { cookie: officer } })).status).toBe(403);
  });

  it('keeps a committee member of another fund out of the meeting and its minutes', async () => {
    const chair = await signInOverHttp(base, 'chair.l4579');
    for (const url of [meetingUrl, `${meetingUrl}/resolution`]) {
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: chair } });
      expect(response.status, url).toBe(403);
    }
    // The fund's own chair reads it, and may record decisions but not keep the meeting.
    const own = await signInOverHttp(base, 'chair.l1978');
    const html = await (await fetch(meetingUrl, { headers: { cookie: own } })).text();
    expect(html).toContain(TITLE);
    expect(html).not.toContain('name="intent" value="attendance"');
  });
});
