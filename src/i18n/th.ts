import { accountMessages } from './features/accounts.ts';
import { adminMessages } from './features/admin.ts';
import { planningMessages } from './features/planning.ts';
import { planningAreaMessages } from './features/planning-area.ts';
import { planningPageMessages } from './features/planning-pages.ts';
import { proposalMessages } from './features/proposals.ts';
import { proposalPageMessages } from './features/proposal-pages.ts';
import { proposalReviewMessages } from './features/proposal-review.ts';
import { meetingPageMessages } from './features/meeting-pages.ts';
import { historyImportMessages } from './features/history-import.ts';
import { ledgerMessages } from './features/ledger.ts';
import { voucherMessages } from './features/vouchers.ts';
import { followupMessages } from './features/followup.ts';
import { overviewMessages } from './features/overview.ts';
import { reportMessages } from './features/reports.ts';
import { proposalApiMessages } from './features/proposal-api.ts';
import { outsideProjectMessages } from './features/outside-projects.ts';
import { registryMessages } from './features/registry.ts';
import { openDataMessages } from './features/open-data.ts';

/** Thai: the default language. Every user-facing string lives here and in en.ts. */
const core = {
  'app.name': 'kongtun',
  'app.fullName': 'ระบบบริหารกองทุนหลักประกันสุขภาพระดับท้องถิ่น',
  'app.skipToContent': 'ข้ามไปยังเนื้อหา',
  'nav.label': 'เมนูหลัก',
  'nav.home': 'หน้าแรก',
  'nav.needsMe': 'งานที่รอคุณ',
  'nav.signIn': 'เข้าสู่ระบบ',
  'nav.signOut': 'ออกจากระบบ',
  'nav.menu': 'เมนู',
  'lang.switchTo': 'English',
  'lang.switchLabel': 'เปลี่ยนภาษา',
  'user.signedInAs': 'เข้าสู่ระบบในชื่อ',
  'role.admin': 'ผู้ดูแลระบบ',
  'role.region_officer': 'เจ้าหน้าที่ สปสช. เขต',
  'role.province_officer': 'เจ้าหน้าที่ระดับจังหวัด',
  'role.mentor': 'พี่เลี้ยง',
  'role.district_secretary': 'เลขานุการ พชอ.',
  'role.fund_officer': 'เจ้าหน้าที่กองทุน',
  'role.fund_finance': 'เจ้าหน้าที่การเงินกองทุน',
  'role.committee': 'กรรมการกองทุน',
  'role.proposer': 'ผู้เสนอโครงการ',
  'home.title': 'กองทุนหลักประกันสุขภาพระดับท้องถิ่น',
  'home.lead':
    'kongtun ช่วยกองทุนสุขภาพตำบลทั้ง 7,700 แห่ง วางแผนงาน รับข้อเสนอโครงการจากชุมชน ให้คณะกรรมการพิจารณา ติดตามโครงการ และบริหารการเงินของกองทุน ได้ในที่เดียว',
  'home.currentFiscalYear': 'ปีงบประมาณปัจจุบัน',
  'home.today': 'วันนี้',
  'home.whoTitle': 'ใช้ทำอะไรได้บ้าง',
  'home.who.proposer.title': 'กลุ่มในชุมชน',
  'home.who.proposer.text': 'เขียนและส่งข้อเสนอโครงการจากโทรศัพท์ ทีละขั้นตอน ง่ายเหมือนเติมเงิน',
  'home.who.officer.title': 'เจ้าหน้าที่กองทุน',
  'home.who.officer.text': 'วางแผนงาน จัดวาระประชุม เบิกจ่าย ปิดงวดเดือน และพิมพ์รายงานตามแบบฟอร์ม',
  'home.who.committee.title': 'คณะกรรมการกองทุน',
  'home.who.committee.text': 'พิจารณาอนุมัติโครงการในการประชุม พร้อมเหตุผลและเงื่อนไข',
  'home.who.mentor.title': 'พี่เลี้ยงและ สปสช.',
  'home.who.mentor.text': 'ช่วยพัฒนาคุณภาพโครงการ และดูภาพรวมตั้งแต่ระดับกองทุนถึงระดับประเทศ',
  'home.signInCta': 'เข้าสู่ระบบ',
  'signIn.title': 'เข้าสู่ระบบ',
  'signIn.continue': 'กรุณาเข้าสู่ระบบ แล้วระบบจะพากลับไปยังหน้าที่คุณเปิดไว้',
  'signIn.username': 'ชื่อผู้ใช้',
  'signIn.password': 'รหัสผ่าน',
  'signIn.submit': 'เข้าสู่ระบบ',
  'signIn.failed': 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง',
  'signIn.demoHint': 'บัญชีทดลองอยู่ในไฟล์ README',
  'error.summaryTitle': 'มีข้อมูลที่ต้องแก้ไข',
  'error.required': 'กรุณากรอก{field}',
  'error.tooLong': '{field}ยาวเกินไป (ไม่เกิน {max} ตัวอักษร)',
  'error.invalid': '{field}ไม่ถูกต้อง',
  'error.conflict': 'มีผู้อื่นแก้ไขข้อมูลนี้ไปก่อนแล้ว ระบบยังไม่ได้บันทึกของคุณ กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง',
  'error.forbiddenTitle': 'คุณไม่มีสิทธิ์ทำรายการนี้',
  'error.forbiddenText': 'หน้านี้หรือการกระทำนี้อยู่นอกพื้นที่หรือบทบาทของคุณ หากคิดว่าควรมีสิทธิ์ โปรดติดต่อผู้ดูแลระบบ',
  'error.csrf': 'แบบฟอร์มหมดอายุหรือไม่ได้ส่งมาจากหน้านี้ กรุณาลองอีกครั้ง',
  'notFound.title': 'ไม่พบหน้าที่ต้องการ',
  'notFound.text': 'ลิงก์อาจไม่ถูกต้อง หรือหน้านี้ถูกย้ายไปแล้ว',
  'notFound.home': 'กลับไปหน้าแรก',
  'serverError.title': 'ขออภัย ระบบขัดข้อง',
  'serverError.text': 'ข้อมูลที่คุณทำไว้ไม่สูญหาย กรุณาลองใหม่อีกครั้งในอีกสักครู่ หากยังพบปัญหา โปรดแจ้งผู้ดูแลระบบ',
  'serverError.reference': 'รหัสอ้างอิง',
  'footer.text': 'kongtun — ซอฟต์แวร์โอเพนซอร์สสำหรับกองทุนหลักประกันสุขภาพระดับท้องถิ่น',
} as const;

export const th = { ...core, ...registryMessages.th, ...accountMessages.th, ...adminMessages.th,
  ...planningMessages.th,
  ...planningPageMessages.th,
  ...planningAreaMessages.th,
  ...proposalMessages.th,
  ...proposalPageMessages.th,
  ...proposalReviewMessages.th,
  ...meetingPageMessages.th,
  ...ledgerMessages.th,
  ...historyImportMessages.th,
  ...voucherMessages.th,
  ...followupMessages.th,
  ...reportMessages.th,
  ...overviewMessages.th,
  ...proposalApiMessages.th,
  ...openDataMessages.th,
  ...outsideProjectMessages.th,
} as const;
