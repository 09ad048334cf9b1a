-- The overview summary's recompute of one fund-year (0014) runs a statement over the inlined
-- figure functions that takes ~5 ms to plan; PL/pgSQL planned it afresh on every call (a custom
-- plan looked cheaper than the generic one), which made the planning four fifths of the cost.
-- The generic plan is planned once a session and uses the same (fund_id, fiscal_year) indexes:
-- a history import or the demo seed recomputing tens of thousands of fund-years is ~5× faster.
alter function fund_year_summary_refresh(bigint, integer) set plan_cache_mode = force_generic_plan;
