-- Domain events carry the schema version of their payload, so a consumer
-- can refuse (rather than misread) a payload of a version it does not know.
alter table outbox_events add column version smallint not null default 1;

-- One naming style for every event (past tense, PascalCase): rename the
-- kinds of events still waiting for dispatch and of timeline entries.
update outbox_events set kind = case kind
    when 'company.created' then 'CompanyCreated'
    when 'company.updated' then 'CompanyUpdated'
    when 'invitation.created' then 'UserInvited'
    when 'user.created' then 'UserJoined'
    when 'user.updated' then 'UserUpdated'
    when 'customer.created' then 'CustomerCreated'
    when 'customer.updated' then 'CustomerUpdated'
    when 'customer.merged' then 'CustomerMerged'
    when 'customer.deleted' then 'CustomerDeleted'
    when 'customers.imported' then 'CustomersImported'
    when 'opportunity.created' then 'OpportunityCreated'
    when 'opportunity.updated' then 'OpportunityUpdated'
    when 'opportunity.moved' then 'OpportunityMoved'
    when 'opportunity.deleted' then 'OpportunityDeleted'
    when 'proposal.created' then 'ProposalCreated'
    when 'proposal.updated' then 'ProposalUpdated'
    when 'proposal.sent' then 'ProposalSent'
    when 'proposal.viewed' then 'ProposalViewed'
    when 'proposal.accepted' then 'ProposalAccepted'
    when 'proposal.rejected' then 'ProposalRejected'
    when 'proposal.expired' then 'ProposalExpired'
    when 'contract.updated' then 'ContractUpdated'
    when 'invoice.sent' then 'InvoiceSent'
    when 'MessageStatus' then 'MessageStatusChanged'
    when 'TicketMention' then 'TicketMentioned'
    when 'SlaWarning' then 'SlaWarningReached'
    else kind end
  where dispatched_at is null;
