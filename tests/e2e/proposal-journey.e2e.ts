import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

// The "done when": at fund L4581 (แม่นาเรือ, อำเภอเมืองพะเยา 5601, FY plan approved) its
// people's group sends a proposal from a 360 px phone, the district's mentor returns it with a
// comment, the group revises and resends, the mentor passes it, the officer puts it on a
// meeting's agenda, the committee approves it there and the project exists with its code.
// Other journeys use L1978; this one keeps to L4581 so their money does not meet.

const baseUrl = inject('baseUrl');
const fy = currentFiscalYear();
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);
const main = async (page: Page) => (await page.textContent('main')) ?? '';

async function signIn(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('ชื่อผู้ใช้').fill(username);
  await page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

const atStep = (page: Page, n: number) => page.locator('.flow-count__step', { hasText: `ขั้นที่ ${n} จาก 9` }).waitFor();
async function saveAndContinue(page: Page, next: number): Promise<void> {
  await page.locator('.flow-savebar button[value="next"]').click();
  await atStep(page, next);
}

describe('a proposal from a phone to a project', () => {
  let browser: Browser;
  let proposalUrl: string;
  const REASON = 'กรุณาเพิ่มกิจกรรมติดตามผลหลังจบโครงการ';
  const REVISED = 'ผู้สูงอายุได้รับการดูแลต่อเนื่อง และมีการติดตามผลทุกเดือน';

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('the proposer writes it from an example on a 360 px phone and sends it', async () => {
    const { page, problems, close } = await newPage(browser, { width: 360 });
    await signIn(page, 'proposer.l4581');
    await page.goto(`${baseUrl}/proposals/new`);
    await page.locator('details.flow-examples summary').first().click();
    await page.locator('details.flow-examples[open] input[type="radio"]').first().check();
    await page.getByRole('button', { name: 'เริ่มเขียน' }).click();
    await atStep(page, 1);
    proposalUrl = page.url().replace(/\/edit\/.*$/, '');
    await saveAndContinue(page, 2);
    // The example's program may not be in this fund's plan: then take the plan's first.
    if ((await page.locator('input[name^="programs."]:checked').count()) === 0) await page.locator('input[name^="programs."]').first().check();
    // Objectives, target groups and activities come from the example.
    for (const next of [3, 4, 5, 6]) await saveAndContinue(page, next);
    await field(page, 'period_start').fill(`1/12/${fy - 1}`);
    await field(page, 'period_end').fill(`31/7/${fy}`);
    await field(page, 'place').fill('ศาลาอเนกประสงค์หมู่ 2');
    await saveAndContinue(page, 7);
    await saveAndContinue(page, 8);
    await page.getByRole('link', { name: 'ไปต่อ: ตรวจทาน' }).click();
    await atStep(page, 9);
    expect(await main(page)).toContain('กรอกครบทุกหัวข้อแล้ว');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.locator('#send button[type="submit"]').click();
    await page.waitForSelector('h1:has-text("ส่งโครงการแล้ว")');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('the mentor returns it with a comment; the proposer revises and sends it again', async () => {
    const { page, problems, close } = await newPage(browser, { width: 1280 });
    await signIn(page, 'mentor5601');
    await page.goto(`${baseUrl}/proposals`);
    expect(await page.locator(`a[href="${new URL(proposalUrl).pathname}"]`).count()).toBeGreaterThan(0);
    await page.goto(proposalUrl);
    await page.getByRole('button', { name: 'เริ่มตรวจ' }).click();
    await page.waitForSelector('text=พี่เลี้ยงกำลังตรวจ');
    const comment = page.locator('form.review-comment-form');
    await comment.locator('#section').selectOption('results');
    await comment.locator('#body').fill('ผลที่คาดว่าจะได้รับควรบอกการติดตามผล');
    await comment.getByRole('button', { name: 'บันทึกความเห็น' }).click();
    await page.waitForSelector('text=ผลที่คาดว่าจะได้รับควรบอกการติดตามผล');
    await page.locator('#reason-return').fill(REASON);
    await page.getByRole('button', { name: 'ส่งกลับให้แก้ไข' }).click();
    await page.waitForSelector('.review-state__reason');
    expect(await page.textContent('.review-state__reason')).toContain(REASON);
    expect(problems).toEqual([]);
    await close();

    const proposer = await newPage(browser, { width: 360 });
    await signIn(proposer.page, 'proposer.l4581');
    await proposer.page.goto(`${baseUrl}/inbox`);
    expect(await proposer.page.textContent('.inbox-item')).toContain('ส่งกลับให้แก้ไข');
    await proposer.page.goto(`${proposalUrl}/edit/results`);
    await field(proposer.page, 'expected_results').fill(REVISED);
    await saveAndContinue(proposer.page, 8);
    await proposer.page.getByRole('link', { name: 'ไปต่อ: ตรวจทาน' }).click();
    await atStep(proposer.page, 9);
    await proposer.page.locator('#send button[type="submit"]').click();
    await proposer.page.waitForSelector('h1:has-text("ส่งโครงการแล้ว")');
    expect(proposer.problems).toEqual([]);
    await proposer.close();
  });

  it('the mentor passes it, the officer puts it on an agenda, and the committee approves it in the meeting', async () => {
    const { page, problems, close } = await newPage(browser, { width: 1280 });
    await signIn(page, 'mentor5601');
    await page.goto(proposalUrl);
    await page.getByRole('button', { name: 'เริ่มตรวจ' }).click();
    await page.waitForSelector('text=พี่เลี้ยงกำลังตรวจ');
    await page.getByRole('button', { name: 'ตรวจผ่าน พร้อมเข้าวาระ' }).click();
    await page.waitForSelector('text=ตรวจแล้ว รอเข้าวาระประชุม');
    const title = (await page.locator('h1').evaluate((h) => h.firstChild?.textContent ?? '')).trim();

    await signIn(page, 'officer.l4581');
    await page.goto(`${baseUrl}/funds/L4581/meetings`);
    await page.getByLabel('สถานที่ประชุม').fill('ห้องประชุมเทศบาลตำบลแม่นาเรือ');
    await page.getByRole('button', { name: 'เรียกประชุม' }).click();
    await page.waitForSelector('text=เรียกประชุมแล้ว');
    const meetingUrl = page.url().replace(/\?.*$/, '');
    await page.getByRole('button', { name: `บรรจุเข้าวาระประชุม ${title}`, exact: true }).click();
    await page.waitForSelector('text=บรรจุโครงการเข้าวาระแล้ว');
    const boxes = page.locator('input[type="checkbox"][name^="present."]');
    const serving = await boxes.count();
    for (let i = 0; i < Math.ceil(serving / 2); i++) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'บันทึกผู้เข้าประชุม' }).click();
    await page.waitForSelector('text=บันทึกผู้เข้าประชุมแล้ว');

    // The chair records the committee's decision for the agenda.
    await signIn(page, 'chair.l4581');
    await page.goto(meetingUrl);
    const item = page.locator('article.meeting-item', { hasText: title });
    await item.locator('input[type="radio"][value="approve"]').check();
    await item.getByLabel('เงื่อนไข (ไม่บังคับ)').fill('ส่งรายงานผลทุกไตรมาส');
    await page.getByRole('button', { name: 'บันทึกมติ' }).click();
    await page.waitForSelector('text=บันทึกมติแล้ว');
    const code = new RegExp(`${fy % 100}-L4581-\\d-\\d\\d`).exec(await main(page))?.[0];
    expect(code).toBeDefined();
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await close();

    // The project is the same record, public, with its code.
    const visitor = await newPage(browser, { width: 360 });
    await visitor.page.goto(`${baseUrl}/projects/${code}`);
    const text = await main(visitor.page);
    expect(text).toContain(code!);
    expect(text).toContain(title);
    await expectAccessible(visitor.page);
    // The approved proposal itself, as revised, is public now too.
    await visitor.page.goto(proposalUrl);
    expect(await main(visitor.page)).toContain(REVISED);
    expect(visitor.problems).toEqual([]);
    await visitor.close();
  });
});
