-- A project approved outside the system (on paper, or in the current program) names the
-- committee meeting that decided it as the minutes do ("ครั้งที่ 3/2568") and that meeting's
-- date; a project decided here points at its meeting_item instead, so both stay empty.
alter table proposal add column decided_meeting_ref text check (length(decided_meeting_ref) <= 100);
alter table proposal add column decided_meeting_date date;
