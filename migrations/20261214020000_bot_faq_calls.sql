-- The service bot asks the company's LLM which FAQ entry a message it did
-- not understand asks; those calls count in the budget like the others.
alter table ai_calls drop constraint ai_calls_feature_check;
alter table ai_calls add constraint ai_calls_feature_check
    check (feature in ('triage', 'summary', 'reply', 'bot_faq'));
