import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { expectAccessible, launchBrowser, newPage } from './support/browser.ts';
import { demoDataDir, type RunningServer, startServer } from './support/server.ts';

// The fund's books in the browser, at a phone's width: the finance officer of L1978 records
// money in (refused first for a negative amount), the officer requests a payment for the demo
// project 70-L1978-2-01 (refused first for more than it has left), four people sign it in turn
// (a second tab is told the voucher moved on), the chair's signature pays it, the project
// refunds part of it, and the month's statement prints. The public reads only closed statements.

const PROJECT = '70-L1978-2-01';
const FUND = 'L1978';
const CONFLICT = 'มีผู้อื่นแก้ไขข้อมูลนี้ไปก่อนแล้ว';

describe("the fund's books", () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  const year = currentFiscalYear();

  beforeAll(async () => {
    dataDir = await demoDataDir('books');
    server = await startServer({ DATA_DIR: dataDir });
    base = server.url;
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    server?.process.kill('SIGTERM');
    await server?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(username: string) {
    const session = await newPage(browser, { width: 360 });
    await session.page.goto(`${base}/sign-in`);
    await session.page.getByLabel('ชื่อผู้ใช้').fill(username);
    await session.page.getByLabel('รหัสผ่าน').fill('kongtun-demo');
    await session.page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await session.page.waitForURL(`${base}/`);
    return session;
  }
  const main = async (page: Page) => (await page.textContent('main')) ?? '';

  it('records money in, pays a project through the whole chain, takes a refund and prints the statement', async () => {
    const finance = await signedIn(`finance.${FUND.toLowerCase()}`);
    const { page } = finance;
    await page.goto(`${base}/funds/${FUND}`);
    await page.getByRole('link', { name: 'บัญชีกองทุน' }).click();
    await page.waitForURL(`${base}/funds/${FUND}/ledger/${year}`);
    await expectAccessible(page);

    // A negative amount is refused beside its field, and what was typed stays.
    await page.getByLabel('รับจาก').selectOption('other');
    await page.getByLabel('จำนวนเงิน (บาท)').fill('-500');
    await page.getByLabel('เลขที่เอกสาร (ถ้ามี)').fill('ใบเสร็จ 009/2570');
    await page.getByRole('button', { name: 'บันทึกรับเงิน' }).click();
    await expect.poll(() => main(page)).toContain('ต้องไม่ติดลบ');
    expect(await page.getByLabel('เลขที่เอกสาร (ถ้ามี)').inputValue()).toBe('ใบเสร็จ 009/2570');
    await page.getByLabel('จำนวนเงิน (บาท)').fill('5,000');
    await page.getByRole('button', { name: 'บันทึกรับเงิน' }).click();
    await expect.poll(() => main(page)).toMatch(new RegExp(`บันทึกรับเงินแล้ว เลขที่ RCV${year}-\\d{4}`));

    // The officer asks for more than the project has left, then for what it has.
    const officer = await signedIn(`officer.${FUND.toLowerCase()}`);
    await officer.page.goto(`${base}/funds/${FUND}/vouchers/new`);
    await officer.page.getByLabel('โครงการ', { exact: true }).selectOption(PROJECT);
    const option = await officer.page.locator(`select[name=project_code] option[value="${PROJECT}"]`).textContent();
    const left = /เบิกได้อีก ([\d,.]+) บาท/.exec(option ?? '')?.[1];
    expect(left).toBeDefined();
    await officer.page.getByLabel('จำนวนเงิน (บาท)').fill('999,999');
    await officer.page.getByLabel('เลขที่เช็ค').fill('10203040');
    await officer.page.getByRole('button', { name: 'ส่งใบขอเบิก' }).click();
    await expect.poll(() => main(officer.page)).toContain(`เกินยอดที่โครงการยังเบิกได้ (คงเหลือ ${left} บาท)`);
    await officer.page.getByLabel('จำนวนเงิน (บาท)').fill(left!);
    await officer.page.getByRole('button', { name: 'ส่งใบขอเบิก' }).click();
    await officer.page.waitForURL(/\/vouchers\/\d+\?done=request$/);
    const voucherUrl = officer.page.url().replace(/\?.*$/, '');
    // The URL changes before the voucher's page renders under load: wait for the page itself.
    await expect.poll(() => main(officer.page)).toContain('รอตรวจสอบ');
    // The requester may cancel but never sign their own voucher.
    expect(await officer.page.getByRole('button', { name: 'ตรวจสอบแล้ว' }).count()).toBe(0);
    await officer.close();

    // The checker signs in one tab; the other tab, opened before, is told and signs nothing.
    const second = await finance.page.context().newPage();
    await second.goto(voucherUrl);
    await page.goto(voucherUrl);
    await page.getByRole('button', { name: 'ตรวจสอบแล้ว' }).click();
    await expect.poll(() => main(page)).toContain('บันทึกแล้ว: ตรวจสอบแล้ว');
    await second.getByRole('button', { name: 'ตรวจสอบแล้ว' }).click();
    await expect.poll(async () => (await second.textContent('main')) ?? '').toContain(CONFLICT);
    await second.close();

    for (const [username, button] of [
      [`treasurer.${FUND.toLowerCase()}`, 'หัวหน้าหน่วยงานคลังเห็นชอบ'],
      [`clerk.${FUND.toLowerCase()}`, 'ปลัดเห็นชอบ'],
      [`chair.${FUND.toLowerCase()}`, 'ประธานอนุมัติจ่าย'],
    ] as const) {
      const signer = await signedIn(username);
      await signer.page.goto(voucherUrl);
      await signer.page.getByRole('button', { name: button }).click();
      await expect.poll(() => main(signer.page)).toContain(`บันทึกแล้ว: ${button}`);
      expect(signer.problems).toEqual([]);
      await signer.close();
    }
    await page.goto(voucherUrl);
    const paid = await main(page);
    expect(paid).toContain('จ่ายแล้ว');
    expect(paid).toMatch(new RegExp(`PAY${year}-\\d{4}`));
    await expectAccessible(page);

    // The project returns 1,000.50 baht; more than it was paid is refused.
    await page.goto(`${base}/funds/${FUND}/ledger/${year}`);
    await page.getByLabel('รับจาก').selectOption('refund');
    await page.getByLabel('รหัสโครงการ').fill(PROJECT);
    await page.getByLabel('จำนวนเงิน (บาท)').fill('9,999,999');
    await page.getByRole('button', { name: 'บันทึกรับเงิน' }).click();
    await expect.poll(() => main(page)).toContain('เงินคืนมากกว่าที่จ่ายให้โครงการไป');
    await page.getByLabel('จำนวนเงิน (บาท)').fill('1,000.50');
    await page.getByRole('button', { name: 'บันทึกรับเงิน' }).click();
    await expect.poll(() => main(page)).toMatch(new RegExp(`บันทึกเงินคืนแล้ว เลขที่ RET${year}-\\d{4}`));
    const cashBook = await page.locator('.cash-book').textContent();
    expect(cashBook).toContain('1,000.50');

    // This month's statement: a draft until the month is closed, with its signature blocks, on A4.
    const month = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Bangkok' }).slice(5, 7));
    await page.goto(`${base}/funds/${FUND}/statements/${year}/month/${month}`);
    const statement = await main(page);
    expect(statement).toContain('รายงานการรับ-จ่ายเงินและเงินคงเหลือ');
    expect(statement).toContain('ยังไม่ปิดงวดทุกเดือนของรายงานนี้');
    expect(statement).toContain('1,000.50');
    expect(statement).toContain('ประธานกรรมการกองทุน');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The next month due is closed; a receipt dated in it is then refused, and nothing is posted.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${base}/funds/${FUND}/ledger/${year}`);
    const closeForm = page.locator('form:has(input[name=intent][value=close])').first();
    const closing = await closeForm.locator('input[name=month]').getAttribute('value');
    await closeForm.getByRole('button').click();
    await expect.poll(() => main(page)).toContain('ปิดงวดแล้ว รายการในเดือนนั้นแก้ไขไม่ได้อีก');
    const rows = await page.locator('.cash-book tbody tr').count();
    const [y, m] = closing!.split('-');
    await page.getByLabel('รับจาก').selectOption('interest');
    await page.getByLabel('วันที่รับเงิน').fill(`15/${Number(m)}/${Number(y) + 543}`);
    await page.getByLabel('จำนวนเงิน (บาท)').fill('12.34');
    await page.getByRole('button', { name: 'บันทึกรับเงิน' }).click();
    await expect.poll(() => main(page)).toContain('เดือนนี้ปิดงวดแล้ว');
    expect(await page.locator('.cash-book tbody tr').count()).toBe(rows);
    expect(finance.problems).toEqual([]);
    await finance.close();
  }, 240_000);

  it('shows the public only statements whose months are all closed, and the spending verdicts', async () => {
    const { page, problems, close } = await newPage(browser, { width: 360 });
    const last = await page.goto(`${base}/funds/${FUND}/statements/${year - 1}/year`);
    expect(last?.status()).toBe(200);
    expect(await main(page)).not.toContain('ยังไม่ปิดงวด');
    const running = await page.goto(`${base}/funds/${FUND}/statements/${year}/year`);
    expect(running?.status()).toBe(403);
    await page.goto(`${base}/funds/${FUND}`);
    const spending = (await page.locator('#spending').locator('..').textContent()) ?? '';
    expect(spending).toContain('ค่าบริหารกองทุน ข้อ 10(4) ไม่เกินร้อยละ 15');
    expect(spending).toMatch(/ผ่าน|ไม่ผ่าน/);
    expect(problems).toEqual([]);
    await close();
  });
});
