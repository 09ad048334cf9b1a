import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');

// A project the committee approved on paper, recorded by the fund's officer at a phone's width:
// refused first with the reasons beside the fields, then recorded; it gets the fund's next
// code, shows its origin, and is found under the "paper" filter of the fund's projects.

const FUND = 'L1977';
const TITLE = 'โครงการอบรมแกนนำสุขภาพช่องปากผู้สูงอายุ (อนุมัติในที่ประชุม)';

describe('a project approved on paper', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  const main = async (page: Page) => (await page.textContent('main')) ?? '';

  it('is recorded by the officer, coded, followed and filterable by its origin', async () => {
    const { page, close } = await newPage(browser, { width: 360 });
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('ชื่อผู้ใช้').fill(`officer.${FUND.toLowerCase()}`);
    await page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL(`${baseUrl}/`);

    await page.goto(`${baseUrl}/funds/${FUND}/projects/new`);
    await expectAccessible(page);
    const form = page.locator('main form').last();
    await form.locator('button[type="submit"]').last().click();
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(3);
    expect(page.url()).toContain(`/funds/${FUND}/projects/new`);

    const year = currentFiscalYear();
    const be = (month: number, day: number, fy = year) => `${day}/${month}/${fy - (month >= 10 ? 1 : 0)}`;
    await page.fill('[name="title"]', TITLE);
    await page.fill('[name="organisation_name"]', 'ชมรมผู้สูงอายุตำบล');
    await page.selectOption('[name="organisation_type"]', '5');
    await page.selectOption('[name="support_category"]', '2');
    await page.fill('[name="approved_amount"]', '8,500.50');
    await page.fill('[name="approval_date"]', be(10, 20));
    await page.fill('[name="meeting_ref"]', `ครั้งที่ 2/${year}`);
    await page.fill('[name="meeting_date"]', be(10, 20));
    await page.fill('[name="period_start"]', be(11, 1));
    await page.fill('[name="period_end"]', be(3, 31));
    await page.fill('[name="place"]', 'ศาลาประชาคมหมู่ 3');
    await page.fill('[name="coordinator_name"]', 'นางบุญมี ศรีสุข');
    await page.fill('[name="coordinator_phone"]', '0812345678');
    await page.fill('[name="target_groups.1004"]', '40');
    await page.screenshot({ path: 'screenshots/paper-project-form-360.png', fullPage: true });
    await form.locator('button[type="submit"]').last().click();
    await page.waitForURL(/\/projects\/\d{2}-L1977-2-\d+/);
    const code = decodeURIComponent(page.url().split('/projects/')[1]!.split(/[/?#]/)[0]!);
    expect(code.startsWith(`${String(year).slice(2)}-${FUND}-2-`)).toBe(true);
    await expect.poll(() => main(page)).toContain(TITLE);
    expect(await main(page)).toContain('บันทึกจากมติกระดาษ');
    expect(await main(page)).toContain('8,500.50');
    await expectAccessible(page);
    await page.screenshot({ path: 'screenshots/paper-project-360.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'screenshots/paper-project-1280.png', fullPage: true });

    await page.goto(`${baseUrl}/funds/${FUND}/proposals?origin=paper`);
    await expect.poll(() => main(page)).toContain(code);
    await close();
  });
});
