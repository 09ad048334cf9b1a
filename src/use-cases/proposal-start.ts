import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { currentFiscalYear } from '../domain/fiscal-year.ts';
import { type Actor, can } from '../domain/policy.ts';
import type { ProposalState } from '../domain/proposals.ts';
import { Forbidden } from './errors.ts';
import { listExamples } from './proposals.ts';

// What a person may start a proposal from: the funds they may propose to (their organisation's
// fund first), the example projects, and their own earlier proposals to copy.

type Db = Kysely<DB>;

export interface StartChoices {
  fiscalYear: number;
  funds: { code: string; name_th: string; name_en: string | null }[];
  /** The fund chosen for them: their organisation's, else their only one. */
  preselected: string | null;
  /** An admin may start at any fund: the page asks for its code. */
  anyFund: boolean;
  examples: Awaited<ReturnType<typeof listExamples>>;
  own: { id: number; title: string; fundCode: string; fiscalYear: number; state: ProposalState }[];
}

export async function startChoices(db: Db, actor: Actor | null): Promise<StartChoices> {
  if (!actor) throw new Forbidden('proposal.create');
  // The scopes in which one of the actor's roles may start a proposal (a fund code, or TH).
  const scopes = actor.roles.filter((r) => can({ userId: actor.userId, roles: [r] }, 'proposal.create', { scopeChain: [r.scopeCode] })).map((r) => r.scopeCode);
  if (scopes.length === 0) throw new Forbidden('proposal.create');
  const user = await db
    .selectFrom('app_user')
    .leftJoin('organisation as o', 'o.id', 'app_user.organisation_id')
    .leftJoin('fund as f', 'f.id', 'o.fund_id')
    .select(['app_user.organisation_id', 'f.code as organisationFund'])
    .where('app_user.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const funds = await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('code', 'in', scopes).orderBy('code').execute();
  const own = await db
    .selectFrom('proposal as p')
    .innerJoin('fund as f', 'f.id', 'p.fund_id')
    .select(['p.id', 'p.title', 'f.code as fundCode', 'p.fiscal_year as fiscalYear', 'p.state'])
    .where('p.title', '<>', '')
    .where((eb) => eb.or([eb('p.created_by', '=', actor.userId), ...(user.organisation_id ? [eb('p.organisation_id', '=', user.organisation_id)] : [])]))
    .orderBy('p.updated_at', 'desc')
    .limit(20)
    .execute();
  const preselected = funds.find((f) => f.code === user.organisationFund)?.code ?? (funds.length === 1 ? funds[0]!.code : null);
  return {
    fiscalYear: currentFiscalYear(),
    funds,
    preselected,
    anyFund: scopes.includes('TH'),
    examples: await listExamples(db),
    own,
  };
}
