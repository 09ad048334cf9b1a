import { defineMessages } from '../define.ts';

// A project's reports: ส.1 progress, ง.1 financial, ง.2 closing financial summary, ส.3 final.
export const reportMessages = defineMessages(
  {
    'report.kind.progress': 'รายงานความก้าวหน้า (ส.1)',
    'report.kind.financial': 'รายงานการเงิน (ง.1)',
    'report.kind.closing_financial': 'รายงานสรุปการเงินปิดโครงการ (ง.2)',
    'report.kind.final': 'รายงานผลการดำเนินงาน (ส.3)',
  },
  {
    'report.kind.progress': 'Progress report (S.1)',
    'report.kind.financial': 'Financial report (NG.1)',
    'report.kind.closing_financial': 'Closing financial summary (NG.2)',
    'report.kind.final': 'Final report (S.3)',
  },
);
