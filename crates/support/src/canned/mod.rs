//! Canned responses, inserted with `/atalho` in the composer; variables
//! `{{customer.name}}`, `{{agent.name}}`, `{{ticket.number}}` are filled in.

pub mod http;
pub mod model;
pub mod repo;

/// Fills the variables a canned response may use.
pub fn render(body: &str, customer: &str, agent: &str, ticket_number: i64) -> String {
    let first = customer.split_whitespace().next().unwrap_or(customer);
    body.replace("{{customer.name}}", customer)
        .replace("{{customer.first_name}}", first)
        .replace("{{agent.name}}", agent)
        .replace("{{ticket.number}}", &format!("#{ticket_number}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn fills_variables() {
        assert_eq!(
            super::render(
                "Olá, {{customer.first_name}}! Sou {{agent.name}} ({{ticket.number}}).",
                "Maria Silva",
                "João",
                1042
            ),
            "Olá, Maria! Sou João (#1042)."
        );
    }
}
