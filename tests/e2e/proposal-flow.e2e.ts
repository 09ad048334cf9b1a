import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');

/** Field names are the dotted paths the use case names its errors by. */
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);
/** The message written beside a field (or a group of fields) whose name or id is `name`. */
const errorOf = (page: Page, name: string) => page.locator(`[id="${name}-error"]`);

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('ชื่อผู้ใช้').fill(username);
  await page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

const onPage = (page: Page, path: RegExp) => page.waitForURL((url) => path.test(url.pathname));

/** Waits for page `n` of the flow to be on screen (its address changes a moment before its content). */
const atStep = (page: Page, n: number) => page.locator('.flow-count__step', { hasText: `ขั้นที่ ${n} จาก 9` }).waitFor();

/** Save and continue, landing on page `next` of the flow. */
async function saveAndContinue(page: Page, next: number): Promise<void> {
  await page.locator('.flow-savebar button[value="next"]').click();
  await atStep(page, next);
}

// The proposal is written for the fiscal year it is started in; its dates are taken from it.
const fy = currentFiscalYear();

describe('the proposer’s guided flow', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('a people’s group writes a proposal on a phone from an example, is told what is wrong beside each field, and sends it once', async () => {
    const { page, problems, close } = await newPage(browser, { width: 360 });
    const noOverflow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Signed out, "needs me" asks to sign in and comes back.
    await page.goto(`${baseUrl}/proposals`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.textContent('main')).toContain('ระบบจะพากลับไปยังหน้าที่คุณเปิดไว้');
    await signIn(page, 'proposer.l1978');
    expect(new URL(page.url()).pathname).toBe('/proposals');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'เริ่มเขียนโครงการใหม่' }).click();

    // Start: the organisation's fund is chosen; start from the elderly program's example.
    await page.locator('h1', { hasText: 'เริ่มเขียนโครงการใหม่' }).waitFor();
    expect(await page.textContent('main')).toContain('L1978');
    await page.locator('details.flow-examples summary', { hasText: 'แผนงานผู้สูงอายุ (' }).click();
    await page.locator('details.flow-examples[open] input[type="radio"]').first().check();
    await expectAccessible(page);
    await noOverflow();
    await page.getByRole('button', { name: 'เริ่มเขียน' }).click();

    // 1 of 9: who proposes — the group and its six members came from the account.
    await atStep(page, 1);
    const id = Number(/\/proposals\/(\d+)\//.exec(page.url())![1]);
    expect(await page.textContent('.flow-count__step')).toBe('ขั้นที่ 1 จาก 9');
    expect(await field(page, 'organisation_name').inputValue()).toContain('ชมรมผู้สูงอายุ');
    expect(await field(page, 'members.5.first_name').inputValue()).not.toBe('');
    await expectAccessible(page);
    await noOverflow();

    // The session runs out while typing: the page is kept and comes back after signing in.
    await field(page, 'coordinator_phone').fill('081-234-5678');
    await page.context().clearCookies({ name: 'kt_session' });
    await page.locator('.flow-savebar button[value="next"]').click();
    await onPage(page, /^\/sign-in$/);
    expect(new URL(page.url()).searchParams.get('returnTo')).toMatch(new RegExp(`^/proposals/${id}/edit/organisation\\?stash=`));
    await signIn(page, 'proposer.l1978');
    await page.locator('.flow-kept').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/proposals/${id}/edit/organisation`);
    expect(await page.textContent('.flow-kept')).toContain('ข้อมูลที่คุณกรอกไว้ก่อนหมดเวลาเข้าสู่ระบบยังอยู่ครบ');
    expect(await field(page, 'coordinator_phone').inputValue()).toBe('081-234-5678');
    await saveAndContinue(page, 2);

    // 2 of 9: the problem, with the fund's approved plan's programs and their situations.
    expect(await page.textContent('main')).toContain('บันทึกแล้ว เวลา');
    expect(await page.textContent('main')).toContain(`ปีงบประมาณ ${fy}`);
    expect(await field(page, 'programs.elderly').isChecked()).toBe(true);
    await page.locator('.flow-program:has([name="programs.elderly"]) .flow-situations input[type="checkbox"]').first().check();
    await expectAccessible(page);
    // What is typed is kept in the browser every few seconds and offered back after a reload.
    await field(page, 'title').fill('โครงการจิตอาสาดูแลผู้สูงอายุติดเตียงบ้านหนองแวง');
    await page.waitForTimeout(3500);
    await page.reload();
    await page.getByRole('button', { name: 'ใส่ข้อความนั้นกลับ' }).click();
    expect(await field(page, 'title').inputValue()).toBe('โครงการจิตอาสาดูแลผู้สูงอายุติดเตียงบ้านหนองแวง');
    await page.locator('.flow-program:has([name="programs.elderly"]) .flow-situations input[type="checkbox"]').first().check();
    await saveAndContinue(page, 3);

    // 3 and 4 of 9: the example's objectives and target groups stand.
    expect(await field(page, 'objectives.0.objective').inputValue()).not.toBe('');
    await expectAccessible(page);
    await saveAndContinue(page, 4);
    expect(await field(page, 'target_groups.1004').inputValue()).not.toBe('');
    await expectAccessible(page);
    await saveAndContinue(page, 5);

    // 5 of 9: activities and their money. A new activity with no expense lines and a negative
    // count are refused beside their fields, everything typed kept.
    expect(await page.locator('fieldset.flow-activity').count()).toBe(2);
    await page.getByRole('button', { name: 'เพิ่มกิจกรรม' }).click();
    await page.waitForSelector('[name="activities.2.title"]');
    await field(page, 'activities.2.title').fill('ประชุมสรุปผลโครงการ');
    await field(page, 'activities.0.expenses.0.units').fill('-3');
    await page.locator('.flow-savebar button[value="next"]').click();
    await page.waitForSelector('.error-summary');
    expect(await errorOf(page, 'activities.2.expenses').textContent()).toContain('ยังไม่มีรายการค่าใช้จ่าย');
    expect(await errorOf(page, 'activities.0.expenses.0.units').textContent()).toContain('ต้องไม่ติดลบ');
    expect(await page.locator('[id="activities.2.expenses"]').locator('[id="activities.2.expenses-error"]').count()).toBe(1);
    expect(await page.locator('.field', { has: field(page, 'activities.0.expenses.0.units') }).locator('.field__error').count()).toBe(1);
    expect(await field(page, 'activities.2.title').inputValue()).toBe('ประชุมสรุปผลโครงการ');
    expect(await field(page, 'activities.0.expenses.0.units').inputValue()).toBe('-3');
    expect(await page.textContent('.error-summary')).toContain('กิจกรรมที่ 1 – รายการที่ 1 – จำนวนหน่วย');
    await expectAccessible(page);
    await noOverflow();

    // Fixed; the new activity's line adds up as it is typed (20 × 25 × 1 = 500 baht).
    await field(page, 'activities.0.expenses.0.units').fill('30');
    await field(page, 'activities.2.expenses.0.group').selectOption('services');
    await field(page, 'activities.2.expenses.0.item').fill('ค่าอาหารว่างและเครื่องดื่ม');
    await field(page, 'activities.2.expenses.0.unit_cost').fill('25');
    await field(page, 'activities.2.expenses.0.units').fill('20');
    await field(page, 'activities.2.expenses.0.times').fill('1');
    await page.waitForFunction(() => document.querySelector('output[for~="activities.2.expenses.0.units"]')?.textContent?.includes('500.00'));
    await saveAndContinue(page, 6);

    // The server's amounts after saving.
    await page.goto(`${baseUrl}/proposals/${id}/edit/activities`);
    expect(await page.locator('output[for~="activities.2.expenses.0.units"]').textContent()).toBe('500.00 บาท');
    await page.goto(`${baseUrl}/proposals/${id}/edit/period`);

    // 6 of 9: a date outside the fiscal year is refused beside it, what was typed kept.
    await field(page, 'period_start').fill(`15/11/${fy - 1}`);
    await field(page, 'period_end').fill(`15/10/${fy}`);
    await field(page, 'place').fill('ศาลาประชาคมหมู่ 3 และบ้านผู้สูงอายุในหมู่บ้าน');
    await page.locator('.flow-savebar button[value="next"]').click();
    await page.waitForSelector('.error-summary');
    expect(await errorOf(page, 'period_end').textContent()).toContain(`ปีงบประมาณ ${fy}`);
    expect(await field(page, 'period_end').inputValue()).toBe(`15/10/${fy}`);
    expect(await field(page, 'place').inputValue()).toBe('ศาลาประชาคมหมู่ 3 และบ้านผู้สูงอายุในหมู่บ้าน');
    await expectAccessible(page);
    await field(page, 'period_end').fill(`15/9/${fy}`);
    await saveAndContinue(page, 7);

    // 7 of 9: results; the category suggested for a people's group is 10(2).
    expect(await page.textContent('main')).toContain('แนะนำสำหรับกลุ่มหรือองค์กรประชาชน');
    expect(await page.locator('#support_category-2').isChecked()).toBe(true);
    await expectAccessible(page);
    await saveAndContinue(page, 8);

    // 8 of 9: a photo attached; a text file calling itself a PDF is refused.
    await expectAccessible(page);
    await page.locator('input[type="file"]').setInputFiles({ name: 'not-a.pdf', mimeType: 'application/pdf', buffer: Buffer.from('hello') });
    await page.getByRole('button', { name: 'แนบไฟล์' }).click();
    await page.waitForSelector('[id="file-error"]');
    expect(await errorOf(page, 'file').textContent()).toContain('PDF, JPG หรือ PNG');
    await page.locator('input[type="file"]').setInputFiles({ name: 'พื้นที่.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'แนบไฟล์' }).click();
    await page.waitForSelector('text=แนบไฟล์แล้ว');
    const href = await page.getByRole('link', { name: 'พื้นที่.png' }).getAttribute('href');
    const file = await page.request.get(`${baseUrl}${href}`);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(file.headers()['x-content-type-options']).toBe('nosniff');
    expect(file.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('พื้นที่.png')}`);
    expect(Buffer.from(await file.body()).equals(PNG)).toBe(true);
    await noOverflow();
    await page.getByRole('link', { name: 'ไปต่อ: ตรวจทาน' }).click();

    // 9 of 9: check the answers, the total in figures and words, and send — once.
    await atStep(page, 9);
    const check = (await page.textContent('main')) ?? '';
    expect(check).toContain('กรอกครบทุกหัวข้อแล้ว');
    expect(check).toContain('ประชุมสรุปผลโครงการ');
    expect(check).toMatch(/บาทถ้วน|สตางค์/);
    await expectAccessible(page);
    await noOverflow();
    const sent = { _csrf: await page.locator('#send [name="_csrf"]').inputValue(), version: await page.locator('#send [name="version"]').inputValue(), intent: 'submit' };
    await page.locator('#send button[type="submit"]').click();
    await page.waitForSelector('h1:has-text("ส่งโครงการแล้ว")');
    expect(await page.textContent('main')).toContain('พี่เลี้ยง');
    await expectAccessible(page);

    // The same press again (a double click that got through): told it is sent, not an error.
    const again = await page.request.post(`${baseUrl}/proposals/${id}/check`, { form: sent });
    expect(new URL(again.url()).searchParams.get('sent')).toBe('again');
    expect(await again.text()).toContain('โครงการนี้ส่งไปแล้ว ไม่ได้ส่งซ้ำ');

    // Off the proposer's list of things to do.
    await page.goto(`${baseUrl}/proposals`);
    expect(await page.locator(`a[href="/proposals/${id}/edit/organisation"]`).count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('works without JavaScript: starting, adding a row, an error beside its field, and saving a step', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/proposals/new`);
    await signIn(page, 'proposer.l1978');
    await onPage(page, /^\/proposals\/new$/);
    await page.getByRole('button', { name: 'เริ่มเขียน' }).click();
    await onPage(page, /\/edit\/organisation$/);
    expect(await page.locator('fieldset.member-row').count()).toBe(6);

    // "Add a row" saves and shows the page again with one more empty row.
    await page.getByRole('button', { name: 'เพิ่มแถวรายชื่อ' }).click();
    await onPage(page, /\/edit\/organisation$/);
    expect(await page.locator('fieldset.member-row').count()).toBe(7);
    await field(page, 'members.6.title').fill('นาง');
    await field(page, 'members.6.first_name').fill('บุญมี');
    await field(page, 'members.6.last_name').fill('ใจงาม');
    await field(page, 'coordinator_phone').fill('12');
    await page.locator('.flow-savebar button[value="next"]').click();
    await page.waitForSelector('.error-summary');
    expect(await errorOf(page, 'coordinator_phone').textContent()).toContain('081-234-5678');
    expect(await field(page, 'members.6.first_name').inputValue()).toBe('บุญมี');

    await field(page, 'coordinator_phone').fill('0812345678');
    await page.locator('.flow-savebar button[value="next"]').click();
    await onPage(page, /\/edit\/problem$/);
    expect(await page.textContent('main')).toContain('บันทึกแล้ว เวลา');
    await page.goto(page.url().replace(/problem.*$/, 'organisation'));
    expect(await field(page, 'members.6.last_name').inputValue()).toBe('ใจงาม');
    expect(await field(page, 'coordinator_phone').inputValue()).toBe('0812345678');
    await context.close();
  });
});

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
