-- Where a project comes from: developed here through the proposal flow, recorded by the fund
-- officer from the committee's paper decision, or imported from the current program. Overviews
-- count every origin as a followed project but only 'system' as a proposal developed here.
alter table proposal add column origin text not null default 'system'
  check (origin in ('system', 'paper', 'imported'));
create index proposal_origin_idx on proposal (fund_id, fiscal_year, origin) where project_code is not null;
