//! A customer's risk of leaving, 0–100, from what the company already
//! knows: unhappy messages (triage's sentiment), open tickets, SLA
//! breaches, a low CSAT answer, overdue invoices and a paused
//! subscription. Each signal adds fixed points with a cap, so the score is
//! explainable: the reasons shown add up to it. The weights are a product
//! decision, written once here ([`score`]).

pub mod http;
pub mod model;
pub mod repo;

use kernel::money::Money;

use model::{Reason, ReasonKind, RiskLevel};

/// What the score is computed from, per customer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    pub open_tickets: i64,
    /// Tickets whose SLA was breached in the last 90 days.
    pub sla_breaches: i64,
    /// Tickets with a negative / very negative customer in the last 30 days.
    pub negative: i64,
    pub very_negative: i64,
    /// The lowest CSAT answer (1–5) of the last 90 days.
    pub worst_csat: Option<i32>,
    /// `None` when the viewer may not see finance.
    pub finance: Option<FinanceSignals>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinanceSignals {
    pub overdue_invoices: i64,
    /// What is still unpaid of them, without late fees.
    pub overdue_cents: i64,
    pub paused_subscriptions: i64,
}

/// From this score a customer is at high risk; from [`MEDIUM`], medium.
pub const HIGH: u8 = 60;
pub const MEDIUM: u8 = 30;

pub fn level(score: u8) -> RiskLevel {
    match score {
        s if s >= HIGH => RiskLevel::High,
        s if s >= MEDIUM => RiskLevel::Medium,
        _ => RiskLevel::Low,
    }
}

fn capped(each: i64, first: i64, count: i64, cap: i64) -> i64 {
    if count <= 0 { 0 } else { (first + each * (count - 1)).min(cap) }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// The score (at most 100) and its reasons, the heaviest first.
pub fn score(s: &Signals) -> (u8, Vec<Reason>) {
    let mut reasons = Vec::new();
    let mut add = |kind: ReasonKind, points: i64, label: String| {
        if points > 0 {
            reasons.push(Reason { kind, points: points as u8, label });
        }
    };
    if s.very_negative > 0 {
        add(
            ReasonKind::Sentiment,
            25,
            format!(
                "{} nos últimos 30 dias",
                plural(s.very_negative, "conversa muito negativa", "conversas muito negativas")
            ),
        );
    } else if s.negative > 0 {
        add(
            ReasonKind::Sentiment,
            15,
            format!("{} nos últimos 30 dias", plural(s.negative, "conversa negativa", "conversas negativas")),
        );
    }
    add(
        ReasonKind::OpenTickets,
        capped(5, 5, s.open_tickets, 15),
        plural(s.open_tickets, "chamado aberto", "chamados abertos"),
    );
    add(
        ReasonKind::SlaBreaches,
        capped(10, 10, s.sla_breaches, 20),
        format!(
            "{} em 90 dias",
            plural(s.sla_breaches, "prazo de SLA estourado", "prazos de SLA estourados")
        ),
    );
    match s.worst_csat {
        Some(c) if c <= 2 => add(ReasonKind::LowCsat, 20, format!("Avaliou o atendimento com nota {c} de 5")),
        Some(3) => add(ReasonKind::LowCsat, 8, "Avaliou o atendimento com nota 3 de 5".to_owned()),
        _ => {}
    }
    if let Some(f) = &s.finance {
        add(
            ReasonKind::OverdueInvoices,
            capped(5, 15, f.overdue_invoices, 25),
            format!(
                "{} ({} em aberto)",
                plural(f.overdue_invoices, "fatura vencida", "faturas vencidas"),
                Money::brl(f.overdue_cents).format_brl()
            ),
        );
        add(
            ReasonKind::PausedSubscription,
            if f.paused_subscriptions > 0 { 20 } else { 0 },
            plural(f.paused_subscriptions, "assinatura pausada", "assinaturas pausadas"),
        );
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.points));
    let total: u32 = reasons.iter().map(|r| u32::from(r.points)).sum();
    (total.min(100) as u8, reasons)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reasons_add_up_to_the_score_heaviest_first_and_the_score_stops_at_100() {
        let quiet = Signals::default();
        assert_eq!(score(&quiet), (0, vec![]));

        let unhappy = Signals {
            open_tickets: 2,
            very_negative: 1,
            negative: 3,
            worst_csat: Some(2),
            finance: Some(FinanceSignals {
                overdue_invoices: 2,
                overdue_cents: 25_980,
                paused_subscriptions: 0,
            }),
            ..Signals::default()
        };
        let (points, reasons) = score(&unhappy);
        assert_eq!(points, 25 + 10 + 20 + 20);
        assert_eq!(level(points), RiskLevel::High);
        assert_eq!(reasons.iter().map(|r| u32::from(r.points)).sum::<u32>(), u32::from(points));
        assert_eq!(reasons[0].kind, ReasonKind::Sentiment, "very negative counts, negative not twice");
        assert!(reasons.iter().any(|r| r.label == "2 faturas vencidas (R$ 259,80 em aberto)"), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.label == "2 chamados abertos"));

        let everything = Signals {
            open_tickets: 9,
            sla_breaches: 5,
            very_negative: 2,
            negative: 0,
            worst_csat: Some(1),
            finance: Some(FinanceSignals { overdue_invoices: 4, overdue_cents: 1, paused_subscriptions: 1 }),
        };
        assert_eq!(score(&everything).0, 100);
    }

    #[test]
    fn without_finance_the_score_leaves_invoices_out_and_a_middling_csat_weighs_less() {
        let s = Signals { worst_csat: Some(3), open_tickets: 1, finance: None, ..Signals::default() };
        let (points, reasons) = score(&s);
        assert_eq!(points, 8 + 5);
        assert_eq!(level(points), RiskLevel::Low);
        assert!(reasons.iter().all(|r| r.kind != ReasonKind::OverdueInvoices));
        assert_eq!(level(MEDIUM), RiskLevel::Medium);
    }
}
