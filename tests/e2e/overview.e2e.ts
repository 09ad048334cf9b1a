import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('overviews from the country down to a fund', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  const main = async (page: Page) => (await page.textContent('main')) ?? '';

  it('goes down one level at a time by the child table, sorts it, and downloads it', async () => {
    const { page, close } = await newPage(browser, { width: 1280 });
    await page.goto(`${baseUrl}/overview?fiscal_year=2569`);
    await page.waitForURL(/\/overview\/TH\/2569$/);
    await expectAccessible(page);
    expect(await main(page)).toContain('ภาพรวม ประเทศไทย ปีงบประมาณ 2569');
    for (const [link, title] of [
      ['a[href="/overview/R10/2569"]', 'อุบลราชธานี'],
      ['a[href="/overview/33/2569"]', 'ศรีสะเกษ'],
      ['a[href="/overview/3304/2569"]', 'กันทรลักษ์'],
      ['a[href="/overview/L1976/2569"]', 'บึงมะลู'],
    ] as const) {
      await page.click(`main table ${link}`);
      await expect.poll(() => main(page)).toContain(title);
    }
    expect(await main(page)).toContain('ติดตามโครงการ (อนุมัติแล้ว)');
    await expectAccessible(page);

    await page.goto(`${baseUrl}/overview/R10/2569?sort=paid&dir=desc`);
    const paid = await page.$$eval('main table tbody tr td:nth-child(9)', (cells) => cells.map((c) => Number((c.textContent ?? '').replace(/,/g, ''))));
    expect(paid.length).toBe(5); // R10: Ubon, Sisaket, Yasothon, Amnat Charoen, Mukdahan
    expect([...paid].sort((a, b) => b - a)).toEqual(paid);

    const csv = await page.request.get(`${baseUrl}/overview/R10/2569/export?format=csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/^\uFEFFcode,level,name_th/);
    const xlsx = await page.request.get(`${baseUrl}/overview/R10/2569/export?format=xlsx`);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await close();
  });
});
