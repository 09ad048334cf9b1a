import { defineMessages } from '../define.ts';

// The words the API's write endpoints (proposals, meetings) answer with; read errors are in
// registry.ts, the use cases' own refusals in proposals.ts.
export const proposalApiMessages = defineMessages(
  {
    'api.error.authenticationRequired': 'ข้อมูลนี้เปิดให้เฉพาะผู้ที่เกี่ยวข้อง ส่งโทเค็น API ในส่วนหัว Authorization: Bearer kt_…',
    'api.error.tokenRequired': 'การเปลี่ยนแปลงข้อมูลผ่าน API ต้องใช้โทเค็น API ส่วนตัว ส่งในส่วนหัว Authorization: Bearer kt_… (สร้างโทเค็นได้ที่หน้าบัญชีของคุณ)',
    'api.error.contentType': 'ส่งเนื้อหาคำขอเป็น JSON (Content-Type: application/json)',
    'api.error.json': 'เนื้อหาคำขอไม่ใช่ JSON ที่ถูกต้อง',
    'api.error.jsonObject': 'เนื้อหาคำขอต้องเป็นออบเจกต์ JSON เช่น {"version": 3}',
    'api.error.jsonDepth': 'JSON ซ้อนกันลึกเกิน {max} ชั้น',
    'api.error.tooLarge': 'เนื้อหาคำขอใหญ่เกินไป (ไม่เกิน {max} กิโลไบต์)',
    'api.error.method': 'ใช้ {method} กับที่อยู่นี้ไม่ได้ ใช้ได้: {allowed}',
    'api.error.conflict': 'มีผู้อื่นเปลี่ยนข้อมูลนี้หลังจากที่คุณอ่าน จึงยังไม่ได้บันทึก อ่านข้อมูลใหม่ (GET) แล้วส่งอีกครั้งพร้อม version ล่าสุด',
    'api.error.transition': 'โครงการที่อยู่ในสถานะ "{state}" ทำขั้นตอน {action} ไม่ได้ ขั้นตอนที่คุณทำได้ตอนนี้: {allowed}',
    'api.error.noActions': 'ไม่มี',
    'api.error.step': 'step ต้องเป็น organisation, problem, objectives, targets, activities, period หรือ results',
  },
  {
    'api.error.authenticationRequired': 'This is only for the people concerned: send your API token as Authorization: Bearer kt_…',
    'api.error.tokenRequired': 'Changes through the API need a personal API token, sent as Authorization: Bearer kt_… (make one on your account page)',
    'api.error.contentType': 'Send the request body as JSON (Content-Type: application/json)',
    'api.error.json': 'The request body is not valid JSON',
    'api.error.jsonObject': 'The request body must be a JSON object, e.g. {"version": 3}',
    'api.error.jsonDepth': 'The JSON is nested deeper than {max} levels',
    'api.error.tooLarge': 'The request body is too large (at most {max} KB)',
    'api.error.method': '{method} is not allowed here; use {allowed}',
    'api.error.conflict': 'Someone changed this after you read it, so nothing was saved. Read it again (GET) and resend with the current version',
    'api.error.transition': 'A proposal in state "{state}" cannot take the step {action}. Steps you can take now: {allowed}',
    'api.error.noActions': 'none',
    'api.error.step': 'step must be organisation, problem, objectives, targets, activities, period or results',
  },
);
