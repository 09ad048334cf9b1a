import type { Kysely } from 'kysely';
import type { DB } from '../../../src/db/schema.ts';
import { saveProposalStep, startProposal, transitionProposal } from '../../../src/use-cases/proposals.ts';
import { actorFor } from '../../support/actors.ts';

/**
 * A proposal of proposer.l1978 to L1978 that mentor.l1978 has reviewed, ready for the
 * committee's agenda: home visits to bedridden elders, 12,000 baht in 10(2), written and
 * reviewed through the use cases by the proposer and the mentor themselves.
 */
export async function reviewedProposal(db: Kysely<DB>, options: { title: string; periodStart: string; periodEnd: string }): Promise<number> {
  const proposer = await actorFor(db, 'proposer.l1978');
  const mentor = await actorFor(db, 'mentor.l1978');
  const { id } = await startProposal(db, proposer, { code: 'L1978' });
  let version = 1;
  const save = async (step: string, input: Record<string, unknown>) => {
    version = (await saveProposalStep(db, proposer, { id, step, version, ...input })).version;
  };
  await save('problem', { title: options.title, rationale: 'ผู้สูงอายุติดเตียงในหมู่บ้านขาดการดูแลต่อเนื่อง', programs: { elderly: 'on' } });
  await save('objectives', {
    objectives: { 0: { objective: 'ผู้สูงอายุติดเตียงได้รับการเยี่ยมบ้านทุกเดือน', indicator: 'ร้อยละของผู้สูงอายุติดเตียงที่ได้รับการเยี่ยม', target: 'ร้อยละ 90' } },
  });
  await save('targets', { target_groups: { 1004: '40' } });
  await save('activities', {
    activities: { 0: { title: 'เยี่ยมบ้านเดือนละครั้ง', detail: '', expenses: { 0: { group: 'services', item: 'ค่าอาหารว่างอาสาสมัคร', unit_cost: '50', units: '20', times: '12' } } } },
  });
  await save('period', { period_start: options.periodStart, period_end: options.periodEnd, place: 'หมู่ 1–5 ตำบลเมือง' });
  await save('results', { expected_results: 'ผู้สูงอายุติดเตียงได้รับการดูแลครบทุกคน', support_category: '2' });
  let view = await transitionProposal(db, proposer, { id, version, action: 'submit' });
  view = await transitionProposal(db, mentor, { id, version: view.version, action: 'start_review' });
  await transitionProposal(db, mentor, { id, version: view.version, action: 'pass_review' });
  return id;
}
