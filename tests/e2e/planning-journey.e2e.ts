import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');

/** Field names are the dotted paths the use case names its errors by. */
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('ชื่อผู้ใช้').fill(username);
  await page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

describe('planning', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it("a fund officer enters the situation on a phone, is told what is wrong, and takes the plan to the committee's approval", async () => {
    // L1976's plan for FY 2570 is a draft in the demo; fund administration is in every plan.
    const { page, problems, close } = await newPage(browser, { width: 360 });
    await signIn(page, 'officer.l1976');
    await page.goto(`${baseUrl}/funds/L1976/plans/2570/programs/fund_admin`);
    await page.waitForSelector('h1');
    await expectAccessible(page);

    // More people with the problem than people in all: refused beside the field, input kept.
    await field(page, 'situations.ADM01.numerator').fill('130');
    await field(page, 'situations.ADM01.denominator').fill('120');
    await field(page, 'situations.ADM01.target').fill('40');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await page.waitForSelector('.field__error');
    expect(await page.textContent('main')).toContain('ตัวตั้งมากกว่าตัวหารไม่ได้');
    expect(await field(page, 'situations.ADM01.numerator').inputValue()).toBe('130');
    await expectAccessible(page);

    await field(page, 'situations.ADM01.numerator').fill('37');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await page.waitForSelector('text=30.83');
    expect(await page.locator('.field__error').count()).toBe(0);

    // To the committee and its approval, recorded by the officer.
    await page.goto(`${baseUrl}/funds/L1976/plans/2570`);
    await page.locator('form:has(input[name="transition"][value="submit"]) button[type="submit"]').click();
    await page.waitForSelector('input[name="transition"][value="approve"]', { state: 'attached' });
    const approve = page.locator('form:has(input[name="transition"][value="approve"])');
    await approve.locator('[name="meeting_number"]').fill('2/2570');
    await approve.locator('[name="meeting_date"]').fill('20/11/2569');
    await approve.locator('button[type="submit"]').click();
    await page.waitForSelector('input[name="transition"][value="revise"]', { state: 'attached' });
    expect(await page.textContent('main')).toContain('2/2570');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await close();

    // Now the public reads it, with the value the officer entered.
    const visitor = await newPage(browser, { width: 1280 });
    await visitor.page.goto(`${baseUrl}/funds/L1976/plans/2570/programs/fund_admin`);
    expect(await visitor.page.textContent('main')).toContain('30.83');
    expect(await visitor.page.locator('[name="situations.ADM01.numerator"]').count()).toBe(0);
    expect(visitor.problems).toEqual([]);
    await visitor.close();
  });

  it('shows the district plan with both averages, and the situation over the years as a chart that needs no script', async () => {
    const { page, problems, close } = await newPage(browser, { width: 1280 });
    await page.goto(`${baseUrl}/areas/3304/plans/2569`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('ค่าเฉลี่ยธรรมดา');
    expect(text).toContain('ถ่วงน้ำหนักด้วยประชากร');
    expect(text).toContain('L1976');
    await expectAccessible(page);

    await page.goto(`${baseUrl}/situation?indicator=NCD01&place=L1976`);
    expect(await page.locator('main svg[role="img"]').count()).toBeGreaterThan(0);
    expect(await page.locator('main table').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await close();
  });
});
