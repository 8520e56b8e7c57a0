//! Keeps the rollups current: the consumer of the events that change a
//! counted record, and `analytics rebuild`. Both compute a record's
//! contributions with [`super::facts`] and write only the difference from
//! what the record contributed before, so an event delivered twice, or
//! events applied in another order, end in the same rollups.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono_tz::Tz;
use events::Event;
use kernel::App;
use kernel::business_hours::Hours;
use kernel::outbox::DomainEvent;
use kernel::tenant::TenantTx;
use sqlx::PgConnection;
use uuid::Uuid;

use super::facts::{self, Clock, Contribution, Facts, Key};
use super::repo::{self, Select};

/// A kind of counted record (`analytics_facts.source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Ticket,
    Opportunity,
    Proposal,
    Invoice,
    Payment,
}

impl Source {
    pub const ALL: [Source; 5] =
        [Source::Ticket, Source::Opportunity, Source::Proposal, Source::Invoice, Source::Payment];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Ticket => "ticket",
            Source::Opportunity => "opportunity",
            Source::Proposal => "proposal",
            Source::Invoice => "invoice",
            Source::Payment => "payment",
        }
    }

    /// The dashboard section it counts in.
    pub fn section(self) -> &'static str {
        match self {
            Source::Ticket => "support",
            Source::Opportunity | Source::Proposal => "sales",
            Source::Invoice | Source::Payment => "finance",
        }
    }
}

macro_rules! counted_events {
    ($($source:ident . $field:ident <- [$($event:ident),+ $(,)?]);+ $(;)?) => {
        /// The kinds of event that may change a counted record.
        pub const KINDS: &[&str] = &[$($(<events::$event as Event>::KIND),+),+];

        /// The record an event is about, when it is one the dashboard counts.
        pub fn record_of(ev: &DomainEvent) -> anyhow::Result<Option<(Source, Uuid)>> {
            $($(
                if ev.kind == <events::$event as Event>::KIND {
                    return Ok(Some((Source::$source, ev.decode::<events::$event>()?.event.$field)));
                }
            )+)+
            Ok(None)
        }
    };
}

counted_events! {
    Ticket.ticket_id <- [TicketCreated, TicketTriaged, TicketCategorized, TicketAssigned, TicketStatusChanged, TicketResolved,
                         TicketMerged, SlaBreached, CsatReceived, MessageQueued];
    Opportunity.opportunity_id <- [OpportunityCreated, OpportunityUpdated, OpportunityMoved,
                                   OpportunityStageChanged, OpportunityWon, OpportunityLost, OpportunityDeleted];
    Proposal.proposal_id <- [ProposalUpdated, ProposalSent, ProposalViewed, ProposalAccepted, ProposalRejected];
    Invoice.invoice_id <- [InvoiceIssued, InvoiceCancelled];
    Payment.payment_id <- [PaymentReceived, PaymentNeedsReview, PaymentRefunded];
}

pub const JOB: &str = "analytics.rollups";

pub fn register(registry: &mut kernel::jobs::Registry) {
    registry.on_batch(
        JOB,
        KINDS,
        |app: App, tenant, batch| async move { consume(&app, tenant, batch).await },
    );
}

/// One dispatch batch of a company: the records its events are about get
/// their facts recomputed, in one transaction; then a dashboard on screen
/// is told which sections changed.
pub async fn consume(app: &App, tenant: Uuid, batch: Vec<DomainEvent>) -> anyhow::Result<()> {
    let mut touched: BTreeMap<Source, BTreeSet<Uuid>> = BTreeMap::new();
    for ev in &batch {
        if let Some((source, id)) = record_of(ev)? {
            touched.entry(source).or_default().insert(id);
        }
    }
    if touched.is_empty() {
        return Ok(());
    }
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    repo::lock_company(&mut tx, tenant).await?;
    let clocks = Clocks::load(&mut tx, tenant).await?;
    let mut changed = BTreeSet::new();
    for (source, ids) in &touched {
        let ids: Vec<Uuid> = ids.iter().copied().collect();
        if refresh(&mut tx, tenant, &clocks, *source, &ids).await? {
            changed.insert(source.section().to_owned());
        }
    }
    tx.commit().await?;
    if !changed.is_empty() {
        let signal = events::live::DashboardChanged { sections: changed.into_iter().collect() };
        app.realtime.signal_tenant(tenant, &signal).await;
    }
    Ok(())
}

/// The company's timezone and hours, and the teams that keep their own.
pub struct Clocks {
    tz: Tz,
    company: Hours,
    teams: HashMap<Uuid, Hours>,
}

impl Clocks {
    pub async fn load(conn: &mut PgConnection, tenant: Uuid) -> kernel::Result<Self> {
        let company = repo::company_clock(conn, tenant).await?;
        let teams = repo::team_hours(conn, tenant).await?;
        Ok(Self {
            tz: kernel::business_hours::timezone(&company.timezone),
            company: Hours::from_json(company.business_hours),
            teams: teams.into_iter().map(|t| (t.id, Hours::from_json(t.business_hours))).collect(),
        })
    }

    fn for_team(&self, team: Option<Uuid>) -> Clock<'_> {
        let hours = team.and_then(|t| self.teams.get(&t)).unwrap_or(&self.company);
        Clock { tz: self.tz, hours }
    }
}

/// The facts of the records `select` reads, by id.
async fn facts_of(
    conn: &mut PgConnection,
    tenant: Uuid,
    clocks: &Clocks,
    source: Source,
    select: Select<'_>,
) -> kernel::Result<Vec<(Uuid, Facts)>> {
    let company = clocks.for_team(None);
    Ok(match source {
        Source::Ticket => repo::tickets(conn, tenant, select)
            .await?
            .iter()
            .map(|t| (t.id, facts::ticket(t, &clocks.for_team(t.team_id))))
            .collect(),
        Source::Opportunity => repo::opportunities(conn, tenant, select)
            .await?
            .iter()
            .map(|o| (o.id, facts::opportunity(o, &company)))
            .collect(),
        Source::Proposal => repo::proposals(conn, tenant, select)
            .await?
            .iter()
            .map(|p| (p.id, facts::proposal(p, &company)))
            .collect(),
        Source::Invoice => {
            repo::invoices(conn, tenant, select).await?.iter().map(|i| (i.id, facts::invoice(i))).collect()
        }
        Source::Payment => {
            repo::payments(conn, tenant, select).await?.iter().map(|p| (p.id, facts::payment(p))).collect()
        }
    })
}

fn to_json(facts: &Facts) -> serde_json::Value {
    serde_json::to_value(facts).unwrap_or_default()
}

/// Recomputes some records' facts and applies the difference. A record
/// that is gone counts for nothing from now on. True when a rollup moved.
pub async fn refresh(
    conn: &mut PgConnection,
    tenant: Uuid,
    clocks: &Clocks,
    source: Source,
    ids: &[Uuid],
) -> kernel::Result<bool> {
    let mut now: HashMap<Uuid, Facts> =
        facts_of(conn, tenant, clocks, source, Select::Ids(ids)).await?.into_iter().collect();
    let before: HashMap<Uuid, Facts> = repo::facts(conn, tenant, source.as_str(), ids)
        .await?
        .into_iter()
        .map(|(id, json)| (id, serde_json::from_value(json).unwrap_or_default()))
        .collect();
    let mut delta = Vec::new();
    let mut stored = Vec::with_capacity(ids.len());
    for id in ids {
        let new = now.remove(id).unwrap_or_default();
        let old = before.get(id).map(Facts::contributions).unwrap_or_default();
        delta.extend(facts::delta(&old, &new.contributions()));
        stored.push(to_json(&new));
    }
    repo::save_facts(conn, tenant, source.as_str(), ids, &stored).await?;
    let moved = !delta.is_empty();
    repo::apply(conn, tenant, &facts::delta(&[], &delta)).await?;
    Ok(moved)
}

/// Records read per statement by a rebuild, and rollup rows written per statement.
const PAGE: i64 = 2_000;
const WRITE: usize = 5_000;

/// Recomputes the company's facts and rollups from its records, in one
/// transaction (the consumer waits for it): the facts page by page, the
/// rollups summed in memory (one entry per day, metric, person and value,
/// not per record) and written once. Returns how many records it read.
pub async fn rebuild(app: &App, tenant: Uuid) -> anyhow::Result<u64> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    repo::lock_company(&mut tx, tenant).await?;
    repo::clear(&mut tx, tenant).await?;
    let clocks = Clocks::load(&mut tx, tenant).await?;
    let mut read = 0_u64;
    let mut sums: BTreeMap<Key, (i64, i64)> = BTreeMap::new();
    for source in Source::ALL {
        let mut after = Uuid::nil();
        loop {
            let page = facts_of(&mut tx, tenant, &clocks, source, Select::After(after, PAGE)).await?;
            let Some(last) = page.last().map(|(id, _)| *id) else { break };
            read += page.len() as u64;
            let ids: Vec<Uuid> = page.iter().map(|(id, _)| *id).collect();
            let stored: Vec<serde_json::Value> = page.iter().map(|(_, f)| to_json(f)).collect();
            repo::save_facts(&mut tx, tenant, source.as_str(), &ids, &stored).await?;
            for c in page.iter().flat_map(|(_, f)| f.contributions()) {
                let e = sums.entry((c.metric, c.day, c.subject, c.dim)).or_default();
                e.0 += c.n;
                e.1 += c.total;
            }
            after = last;
        }
    }
    let rows: Vec<Contribution> = sums
        .into_iter()
        .map(|((metric, day, subject, dim), (n, total))| Contribution { metric, day, subject, dim, n, total })
        .collect();
    for chunk in rows.chunks(WRITE) {
        repo::apply(&mut tx, tenant, chunk).await?;
    }
    tx.commit().await?;
    Ok(read)
}
