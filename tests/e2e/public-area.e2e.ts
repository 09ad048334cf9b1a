import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('returning data to the public', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  const main = async (page: Page) => (await page.textContent('main')) ?? '';

  it('the public reads a district’s plans, projects, money and lessons; a mentor writes and publishes a lesson', async () => {
    const { page, problems, close } = await newPage(browser, { width: 360 });
    await page.goto(`${baseUrl}/public/3304`);
    await page.waitForURL(/\/public\/3304\/\d{4}$/);
    await expectAccessible(page);
    const body = await main(page);
    for (const heading of ['แผนงานที่อนุมัติแล้ว', 'โครงการที่อนุมัติ', 'เงินไปที่ไหน', 'ถอดบทเรียน']) expect(body).toContain(heading);
    expect(body).not.toMatch(/โทร|@|เลขที่บัญชี/);
    expect(await page.getAttribute('a[href^="/overview/3304/"]', 'href')).toMatch(/^\/overview\/3304\/\d{4}$/);

    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('ชื่อผู้ใช้').fill('mentor3304');
    await page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/public/3304/2568/lessons`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await page.waitForSelector('text=กรุณาเขียนอย่างน้อยหนึ่งหัวข้อ');
    await page.getByLabel('กลไกที่ได้ผล').fill('เวทีแลกเปลี่ยนของกองทุนทุกไตรมาส');
    await page.getByLabel('เผยแพร่ต่อสาธารณะ').check();
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await page.waitForSelector('text=บันทึกการถอดบทเรียนเรียบร้อยแล้ว');
    expect(await main(page)).toContain('เวทีแลกเปลี่ยนของกองทุนทุกไตรมาส');
    await close();
    expect(problems).toEqual([]);

    const anonymous = await newPage(browser, { width: 1280 });
    await anonymous.page.goto(`${baseUrl}/public/3304/2568`);
    expect(await main(anonymous.page)).toContain('เวทีแลกเปลี่ยนของกองทุนทุกไตรมาส');
    await anonymous.page.goto(`${baseUrl}/open-data`);
    await expectAccessible(anonymous.page);
    expect(await anonymous.page.getAttribute('a[href="/open-data/projects.csv"]', 'href')).toBe('/open-data/projects.csv');
    await anonymous.close();
    expect(anonymous.problems).toEqual([]);
  });
});
