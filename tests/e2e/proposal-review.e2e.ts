import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

// A proposal's review on the demo data: mentor3304 takes up the proposal waiting at L1977 (in
// their district), comments, suggests a better title and returns it with a reason; its proposer
// (the fund's secretariat, who wrote this administration proposal) accepts the suggestion. The
// public cannot open a proposal that is not approved, but reads an approved project and prints
// its form กปท.7 with the legal text in force for its year.

const baseUrl = inject('baseUrl');

const SUGGESTED = 'โครงการจัดหาวัสดุสำนักงานเพื่อการบริหารกองทุน ปีงบประมาณ 2570';
const REASON = 'แยกรายการครุภัณฑ์ออกจากวัสดุ และแนบใบเสนอราคา';

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('ชื่อผู้ใช้').fill(username);
  await page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

const main = async (page: Page) => (await page.textContent('main')) ?? '';

describe('proposal review', () => {
  let browser: Browser;
  let proposalUrl: string;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('a mentor takes up a sent proposal, comments, suggests a title and returns it with a reason', async () => {
    const { page, problems, close } = await newPage(browser, { width: 1280 });
    await signIn(page, 'mentor3304');
    await page.goto(`${baseUrl}/funds/L1977/proposals?fiscal_year=2570&state=submitted`);
    expect(await page.textContent('.state-chip[aria-current="page"]')).toContain('ส่งแล้ว รอพี่เลี้ยงตรวจ');
    await expectAccessible(page);
    await page.locator('.fund-proposals__table tbody th a').first().click();
    await page.waitForURL(/\/proposals\/\d+$/);
    proposalUrl = page.url();
    expect(await page.textContent('.review-state')).toContain('ตอนนี้อยู่ที่คุณ');

    await page.getByRole('button', { name: 'เริ่มตรวจ' }).click();
    await page.waitForSelector('text=รับเรื่องไว้ตรวจแล้ว');
    expect(await page.textContent('.review-state')).toContain('พี่เลี้ยงกำลังตรวจ');

    // A comment on one section, then one that suggests new text for the title.
    const comment = page.locator('form.review-comment-form');
    await comment.locator('#section').selectOption('objectives');
    await comment.locator('#body').fill('ตัวชี้วัดควรบอกว่านับอย่างไร');
    await comment.getByRole('button', { name: 'บันทึกความเห็น' }).click();
    await page.waitForSelector('#section-objectives ~ .review-section-comments >> text=ตัวชี้วัดควรบอกว่านับอย่างไร');
    await comment.locator('#section').selectOption('problem');
    await comment.locator('#body').fill('ชื่อโครงการควรบอกว่าจัดหาอะไร');
    await comment.locator('#suggested_field').selectOption('title');
    await comment.locator('#suggested_text').fill(SUGGESTED);
    await comment.getByRole('button', { name: 'บันทึกความเห็น' }).click();
    await page.waitForSelector(`.review-comment__text >> text=${SUGGESTED}`);

    // Returning it needs a reason: refused beside the box, then sent with one.
    await page.getByRole('button', { name: 'ส่งกลับให้แก้ไข' }).click();
    await page.waitForSelector('#reason-return-error');
    expect(await page.textContent('#reason-return-error')).toContain('กรุณาบอกเหตุผล');
    await expectAccessible(page);
    await page.locator('#reason-return').fill(REASON);
    await page.getByRole('button', { name: 'ส่งกลับให้แก้ไข' }).click();
    await page.waitForSelector('text=ส่งกลับให้ผู้เสนอแก้ไขแล้ว');
    expect(await page.textContent('.review-state')).toContain('ส่งกลับให้แก้ไข');
    expect(await page.textContent('.review-timeline')).toContain(REASON);
    expect(problems).toEqual([]);
    await close();
  });

  it('its proposer sees why it came back and accepts the suggested title', async () => {
    const { page, problems, close } = await newPage(browser, { width: 360 });
    await signIn(page, 'officer.l1977');
    await page.goto(proposalUrl);
    expect(await page.textContent('.review-state__reason')).toContain(REASON);
    const suggestion = page.locator('.review-suggestion');
    expect(await suggestion.textContent()).toContain(SUGGESTED);
    await expectAccessible(page);
    await suggestion.getByRole('button', { name: 'รับ', exact: true }).click();
    await page.waitForSelector('text=รับข้อเสนอแนะแล้ว');
    expect(await page.textContent('h1')).toContain(SUGGESTED);
    expect(await page.locator('.review-suggestion').count()).toBe(0);
    expect(await page.textContent('.review-history')).toContain('ผู้เสนอรับข้อเสนอแนะ');
    // The accepted text is kept as a version of its own.
    await page.goto(`${proposalUrl}/versions`);
    expect(await page.textContent('#from')).toContain('ฉบับที่');
    expect(problems).toEqual([]);
    await close();
  });

  it('keeps a proposal from the public until it is approved, and shows an approved project with its form กปท.7', async () => {
    expect((await fetch(proposalUrl)).status).toBe(404);
    expect((await fetch(`${proposalUrl}/print`)).status).toBe(404);

    const { page, problems, close } = await newPage(browser, { width: 360 });
    await page.goto(`${baseUrl}/funds/L1977/proposals`);
    expect(await main(page)).not.toContain(SUGGESTED);
    await expectAccessible(page);
    await page.locator('a[href^="/projects/"]').first().click();
    await page.waitForURL(/\/projects\/\d\d-L1977-\d-\d\d$/);
    // A client-side navigation changes the address before the new page is drawn.
    await page.locator('main').getByText('งบประมาณที่อนุมัติ').first().waitFor();
    const project = await main(page);
    expect(project).toContain('งบประมาณที่อนุมัติ');
    expect(project).toMatch(/บาทถ้วน|สตางค์/);
    // Nothing that reaches a person: no phone numbers.
    expect(project).not.toMatch(/0\d{1,2}-\d{3}-\d{4}/);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'พิมพ์แบบเสนอโครงการ (กปท.7)' }).click();
    await page.waitForURL(/\/proposals\/\d+\/print$/);
    const form = (await page.textContent('.form7-sheet')) ?? '';
    // Every demo year from 2567 on falls under the 2567 announcement: its clause 17(2).
    expect(form).toContain('แบบเสนอแผนงาน/โครงการ/กิจกรรม กองทุนหลักประกันสุขภาพ');
    expect(form).toContain('พ.ศ. 2567 ข้อ 17(2)');
    expect(form).toContain('ส่วนที่ 2 : ผลการพิจารณาแผนงาน/โครงการ/กิจกรรม');
    expect(form).toMatch(/อนุมัติงบประมาณ เพื่อสนับสนุนแผนงาน\/โครงการ\/กิจกรรม จำนวน [\d,]+\.\d\d บาท/);
    expect(await page.locator('.form7-box--checked').count()).toBeGreaterThanOrEqual(4);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await close();
  });
});
