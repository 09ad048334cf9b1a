import type { Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { DEMO_FISCAL_YEARS } from './demo-registry.ts';

// Lessons learned (ถอดบทเรียน) for the areas around fund L1976: its district (3304, by its
// mentor, published), its province (33) and region (R10), published; the fund's own, a draft.

const LAST_YEAR = DEMO_FISCAL_YEARS[DEMO_FISCAL_YEARS.length - 2] ?? DEMO_FISCAL_YEARS[0];
const THIS_YEAR = DEMO_FISCAL_YEARS[DEMO_FISCAL_YEARS.length - 1] as number;

const LESSONS: { area: string; fiscalYear: number; author: string; published: boolean; texts: Record<'mechanisms' | 'success_factors' | 'problems' | 'suggestions', string> }[] = [
  {
    area: '3304',
    fiscalYear: THIS_YEAR,
    author: 'mentor3304',
    published: true,
    texts: {
      mechanisms:
        'พชอ.กันทรลักษ์เลือกประเด็นผู้สูงอายุติดบ้านติดเตียงและโรคเบาหวาน กองทุนทุกแห่งในอำเภอใส่แผนงานเดียวกันในแผนสุขภาพ\nประชุมพี่เลี้ยงกับเจ้าหน้าที่กองทุนทุกไตรมาสที่ สสอ. ช่วยกันทบทวนข้อเสนอโครงการก่อนเข้าคณะกรรมการ',
      success_factors: 'นายก อปท. ให้ความสำคัญและตั้งงบสมทบครบตามเกณฑ์\nอาสาสมัครสาธารณสุขเก็บข้อมูลสถานการณ์ในหมู่บ้านเอง ทำให้แผนตรงกับปัญหาจริง',
      problems: 'กลุ่มประชาชนหลายกลุ่มเขียนข้อเสนอโครงการไม่คล่อง ส่งรายงานผลล่าช้า\nเจ้าหน้าที่การเงินย้ายงานกลางปี การปิดงวดเดือนจึงช้า',
      suggestions: 'ให้ สปสช. เขต จัดอบรมการเขียนโครงการให้แกนนำกลุ่มก่อนเริ่มปีงบประมาณ\nให้กองทุนใช้รายงานของระบบแทนการทำเอกสารซ้ำ',
    },
  },
  {
    area: '3304',
    fiscalYear: LAST_YEAR as number,
    author: 'pcho3304',
    published: true,
    texts: {
      mechanisms: 'พชอ. ใช้ข้อมูลแผนสุขภาพของกองทุนทุกแห่งเลือกประเด็นร่วมของอำเภอเป็นปีแรก',
      success_factors: 'สาธารณสุขอำเภอเป็นเลขานุการร่วม ประสานกองทุนได้ทุกแห่ง',
      problems: 'กองทุนบางแห่งอนุมัติแผนหลังวันที่ 31 ธันวาคม',
      suggestions: 'กำหนดปฏิทินการทำแผนของอำเภอให้ชัดตั้งแต่เดือนตุลาคม',
    },
  },
  {
    area: '33',
    fiscalYear: THIS_YEAR,
    author: 'admin',
    published: true,
    texts: {
      mechanisms: 'จังหวัดศรีสะเกษจัดเวทีแลกเปลี่ยนของกองทุนต้นแบบปีละสองครั้ง และให้พี่เลี้ยงระดับอำเภอดูแลกองทุนไม่เกิน 15 แห่งต่อคน',
      success_factors: 'มีพี่เลี้ยงครบทุกอำเภอ และใช้ข้อมูลเปิดของระบบติดตามการใช้เงินของกองทุนทุกเดือน',
      problems: 'เงินคงเหลือสะสมของกองทุนบางแห่งยังสูงกว่าเกณฑ์',
      suggestions: 'ติดตามกองทุนที่มีเงินคงเหลือสูงเป็นรายไตรมาส และส่งเสริมโครงการประเภท 10(3) ให้มากขึ้น',
    },
  },
  {
    area: 'R10',
    fiscalYear: THIS_YEAR,
    author: 'admin',
    published: true,
    texts: {
      mechanisms: 'สปสช. เขต 10 อุบลราชธานีใช้เครือข่ายพี่เลี้ยงระดับจังหวัดและอำเภอ เชื่อมแผนของกองทุนกับประเด็นของ พชอ.',
      success_factors: 'การคืนข้อมูลให้พื้นที่ทุกไตรมาสทำให้กองทุนเห็นภาพรวมและปรับแผนได้ทัน',
      problems: 'ข้อมูลประชากรและงบสมทบของบางกองทุนยังไม่ครบ ทำให้ตัวเลขภาพรวมคลาดเคลื่อน',
      suggestions: 'ให้ทุกจังหวัดตรวจความครบถ้วนของข้อมูลกองทุนก่อนสิ้นไตรมาสแรก',
    },
  },
  {
    area: 'L1976',
    fiscalYear: THIS_YEAR,
    author: 'mentor.l1976',
    published: false,
    texts: {
      mechanisms: 'ร่าง: กองทุนบึงมะลูใช้ชมรมผู้สูงอายุเป็นแกนหลักในการเยี่ยมบ้าน',
      success_factors: '',
      problems: '',
      suggestions: '',
    },
  },
];

export async function clearDemoLessons(tx: Transaction<DB>): Promise<void> {
  await tx.deleteFrom('area_lesson').where('is_demo', '=', true).execute();
}

export async function seedDemoLessons(tx: Transaction<DB>): Promise<void> {
  await clearDemoLessons(tx);
  for (const lesson of LESSONS) {
    const author = await tx.selectFrom('app_user').select('id').where('username', '=', lesson.author).executeTakeFirst();
    // Someone's own lesson for the same area and year stays.
    await tx
      .insertInto('area_lesson')
      .values({ area_code: lesson.area, fiscal_year: lesson.fiscalYear, ...lesson.texts, published: lesson.published, author_id: author?.id ?? null, updated_by: author?.id ?? null, is_demo: true })
      .onConflict((oc) => oc.columns(['area_code', 'fiscal_year']).doNothing())
      .execute();
  }
}
