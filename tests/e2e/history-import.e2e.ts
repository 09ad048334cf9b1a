import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';
import { demoDataDir, type RunningServer, startServer } from './support/server.ts';

// The fund officer brings the fund's past in from the current program: from the fund's page to
// the import page, a dry run of the old program's JSON (a plain multipart post), its summary,
// the apply, and the imported projects in the fund's list marked as imported. Then a file with
// bad rows: every reason shown, nothing to apply.

const FUND = 'L1976';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/history');

describe("importing a fund's history in the browser", () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  const sessions: { close: () => Promise<void>; problems: string[] }[] = [];

  beforeAll(async () => {
    dataDir = await demoDataDir('history');
    server = await startServer({ DATA_DIR: dataDir });
    base = server.url;
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    for (const s of sessions) {
      expect(s.problems).toEqual([]);
      await s.close();
    }
    await browser?.close();
    server?.process.kill('SIGTERM');
    await server?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(username: string, width = 1280): Promise<Page> {
    const session = await newPage(browser, { width });
    sessions.push(session);
    await session.page.goto(`${base}/sign-in`);
    await session.page.getByLabel('ชื่อผู้ใช้').fill(username);
    await session.page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
    await session.page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await session.page.waitForURL(`${base}/`);
    return session.page;
  }
  const main = async (page: Page) => (await page.textContent('main')) ?? '';
  const sees = (page: Page, text: string | RegExp) =>
    typeof text === 'string' ? expect.poll(() => main(page)).toContain(text) : expect.poll(() => main(page)).toMatch(text);

  it('dry-runs the JSON, shows the summary, applies it, and lists the projects as imported', async () => {
    const officer = await signedIn(`officer.${FUND.toLowerCase()}`);
    await officer.goto(`${base}/funds/${FUND}`);
    await officer.getByRole('link', { name: 'นำเข้าข้อมูลย้อนหลัง' }).click();
    await officer.waitForURL(`${base}/funds/${FUND}/imports`);
    await sees(officer, 'ยังไม่มีการนำเข้า');
    await expectAccessible(officer);

    await officer.getByLabel('ชนิดข้อมูล').selectOption('projects');
    await officer.getByLabel('ไฟล์').setInputFiles(path.join(FIXTURES, 'projects.json'));
    await officer.getByRole('button', { name: 'ตรวจไฟล์ (ยังไม่นำเข้า)' }).click();
    await officer.waitForURL(new RegExp(`/funds/${FUND}/imports/\\d+$`));
    await sees(officer, 'เพิ่มใหม่: 2 แถว');
    expect(await main(officer)).toContain('ตรวจแล้ว ยังไม่นำเข้า');
    expect(await main(officer)).toContain('P-88123');
    await expectAccessible(officer);

    await officer.getByRole('button', { name: 'นำเข้าทั้งหมด (2 แถว)' }).click();
    // The apply checks the file again and writes it in one transaction: on a busy machine, seconds.
    await officer.waitForSelector('text=นำเข้าแล้วเมื่อ', { timeout: 60_000 });
    expect(await officer.getByRole('button', { name: /นำเข้าทั้งหมด/ }).count()).toBe(0);

    await officer.getByRole('link', { name: 'ดูโครงการที่นำเข้าของกองทุน' }).click();
    await officer.waitForURL(/\/proposals\?origin=imported$/);
    await sees(officer, 'โครงการคัดกรองเบาหวานความดัน');
    const list = await main(officer);
    expect(list).toContain('โครงการส่งเสริมสุขภาพผู้สูงอายุ ตำบลบึงมะลู');
    expect(list).toContain('นำเข้าจากระบบเดิม');

    // The run is in the list of past imports.
    await officer.goto(`${base}/funds/${FUND}/imports`);
    await sees(officer, 'projects.json');
    expect(await main(officer)).toContain('นำเข้าแล้ว');
  });

  it('shows every bad row with its reason, in English when chosen, and offers nothing to apply', async () => {
    const officer = await signedIn(`officer.${FUND.toLowerCase()}`, 360);
    await officer.goto(`${base}/funds/${FUND}/imports`);
    await officer.getByLabel('ไฟล์').setInputFiles(path.join(FIXTURES, 'projects-bad.csv'));
    await officer.getByRole('button', { name: 'ตรวจไฟล์ (ยังไม่นำเข้า)' }).click();
    await officer.waitForURL(new RegExp(`/funds/${FUND}/imports/\\d+$`));
    await sees(officer, 'ปฏิเสธ: 7 แถว');
    const text = await main(officer);
    expect(text).toContain('ไม่พบกองทุนรหัส L0000');
    expect(text).toContain('กองทุน L4579 อยู่นอกพื้นที่ที่คุณนำเข้าข้อมูลได้');
    expect(text).toContain('ดูเหมือนปี ค.ศ.');
    expect(await officer.getByRole('button', { name: /นำเข้าทั้งหมด/ }).count()).toBe(0);
    await expectAccessible(officer);
    await officer.locator('button.lang-switch').click();
    await sees(officer, 'No fund with code L0000');
  });
});
