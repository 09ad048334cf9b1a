import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.ts';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('a first visit', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('opens the home page in Thai, switches to English and remembers it, and shows the 404 page', async () => {
    const { page, problems, close } = await newPage(browser, { width: 360 });
    await page.goto(baseUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('th');
    expect(await page.textContent('h1')).toBe('กองทุนหลักประกันสุขภาพระดับท้องถิ่น');
    expect(await page.textContent('body')).toContain('ปีงบประมาณ 25');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'English (เปลี่ยนภาษา)' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.waitForSelector('html[lang="en"]');
    expect(await page.textContent('h1')).toBe('Local health security funds');
    await expectAccessible(page);

    await page.goto(`${baseUrl}/no/such/page`);
    expect(await page.textContent('h1')).toBe('Page not found');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'ภาษาไทย (change language)' }).click();
    await page.waitForSelector('html[lang="th"]');
    expect(page.url()).toBe(`${baseUrl}/no/such/page`);
    expect(await page.textContent('h1')).toBe('ไม่พบหน้าที่ต้องการ');
    await expectAccessible(page);

    expect(problems).toEqual([]);
    await close();
  });

  it('answers an unknown path with status 404 and no stack trace', async () => {
    const response = await fetch(`${baseUrl}/does-not-exist`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('ไม่พบหน้าที่ต้องการ');
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('signs in with a demo account and shows the name and role in the header, also without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel('ชื่อผู้ใช้').fill('admin');
      await page.getByLabel('รหัสผ่าน').fill('wrong password');
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).last().click();
      await page.waitForSelector('.error-summary');
      expect(await page.textContent('.error-summary')).toContain('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
      expect(await page.inputValue('#username')).toBe('admin');
      // axe runs inside the page, so only where JavaScript is on.
      if (javaScriptEnabled) await expectAccessible(page);

      await page.getByLabel('รหัสผ่าน').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).last().click();
      await page.waitForSelector('.user-badge');
      expect(await page.textContent('.user-badge')).toContain('ผู้ดูแลระบบ');
      expect(await page.textContent('.user-badge')).toContain('สมชาย ใจดี');
      if (javaScriptEnabled) await expectAccessible(page);
      await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
      await page.waitForSelector('a[href="/sign-in"]');
      await context.close();
    }
  });

  it('refuses a form post without its CSRF token and changes nothing', async () => {
    const response = await fetch(`${baseUrl}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password: DEMO_PASSWORD }),
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie') ?? '').not.toContain('kt_session');
  });

  it('sends security headers and a nonce-based Content-Security-Policy', async () => {
    const response = await fetch(baseUrl);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[^']+'/);
  });

  it('reports the engine and migration version at /healthz', async () => {
    const body = await (await fetch(`${baseUrl}/healthz`)).json();
    expect(body).toMatchObject({ status: 'ok', engine: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    expect(body.migrationVersion).toBeGreaterThanOrEqual(1);
  });
});
