import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('browsing the registry', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('goes from the country down to a fund in กันทรลักษ์, and finds it again by a Thai substring', async () => {
    const { page, problems, close } = await newPage(browser, { width: 360 });
    await page.goto(`${baseUrl}/areas`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'สปสช. เขต 10 อุบลราชธานี' }).first().click();
    await page.waitForURL(/\/areas\/R10$/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'ศรีสะเกษ' }).first().click();
    await page.waitForURL(/\/areas\/33$/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'กันทรลักษ์' }).first().click();
    await page.waitForURL(/\/areas\/3304$/);
    await expectAccessible(page);
    await page.getByRole('link', { name: /บึงมะลู/ }).first().click();
    await page.waitForURL(/\/funds\/L1976$/);
    // The URL changes as client-side navigation starts; the page follows when its data is in.
    await page.waitForSelector('h1:has-text("บึงมะลู")');
    const body = (await page.textContent('main')) ?? '';
    expect(body).toContain('ข้อมูลรายปี');
    expect(body).toMatch(/2570\s*10,412/);
    expect(body).toContain('ประธานกรรมการ');
    // Internal details are not for the public.
    expect(body).not.toMatch(/เลขที่บัญชี|Account number/);
    await expectAccessible(page);

    await page.goto(`${baseUrl}/funds?q=${encodeURIComponent('มะลู')}`);
    expect(await page.textContent('main')).toContain('L1976');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await close();
  });

  it('answers the API in JSON and CSV, and refuses a bad bearer token', async () => {
    const regions = await (await fetch(`${baseUrl}/api/v1/areas?level=region`)).json();
    const items = regions.items ?? regions;
    expect(items).toHaveLength(13);
    expect(items[0]).toMatchObject({ code: 'R1', level: 'region', parent_code: 'TH' });

    const districts = await fetch(`${baseUrl}/api/v1/areas?level=district&parent=33`);
    expect(districts.status).toBe(200);
    const csv = await fetch(`${baseUrl}/api/v1/funds?area=3304&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('L1976');

    const fund = await (await fetch(`${baseUrl}/api/v1/funds/L1976`)).json();
    expect(JSON.stringify(fund)).toContain('L1976');

    expect((await fetch(`${baseUrl}/api/v1/areas?parent=99`)).status).toBe(404);
    const openapi = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json();
    expect(openapi.openapi).toMatch(/^3\./);
    const forged = await fetch(`${baseUrl}/api/v1/funds`, { headers: { authorization: 'Bearer kt_not-a-real-token' } });
    expect(forged.status).toBe(401);
  });
});
