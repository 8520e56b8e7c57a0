//! Canned responses, inserted with `/atalho` in the composer; their
//! variables — in Portuguese or English — are filled in from the ticket:
//! the contact (the person writing, `{{contato.primeiro_nome}}`), the
//! customer (a person or a company, `{{cliente.nome}}`), the agent and the
//! ticket's number.

pub mod http;
pub mod model;
pub mod repo;

/// What a canned response's variables are filled with.
pub struct CannedValues<'a> {
    /// The person writing on the ticket (the customer's name when unknown).
    pub contact: &'a str,
    pub customer: &'a str,
    pub agent: &'a str,
    pub ticket_number: i64,
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// Fills the variables a canned response may use.
pub fn render(body: &str, v: &CannedValues) -> String {
    let number = format!("#{}", v.ticket_number);
    [
        (["{{contato.nome}}", "{{contact.name}}"], v.contact),
        (["{{contato.primeiro_nome}}", "{{contact.first_name}}"], first_name(v.contact)),
        (["{{cliente.nome}}", "{{customer.name}}"], v.customer),
        (["{{cliente.primeiro_nome}}", "{{customer.first_name}}"], first_name(v.customer)),
        (["{{atendente.nome}}", "{{agent.name}}"], v.agent),
        (["{{ticket.numero}}", "{{ticket.number}}"], number.as_str()),
    ]
    .iter()
    .fold(body.to_string(), |text, (names, value)| names.iter().fold(text, |t, name| t.replace(name, value)))
}

#[cfg(test)]
mod tests {
    use super::{CannedValues, render};

    const PADARIA: CannedValues = CannedValues {
        contact: "Maria Souza",
        customer: "Padaria Pão Quente",
        agent: "João",
        ticket_number: 1042,
    };

    #[test]
    fn fills_variables_in_english_and_portuguese() {
        assert_eq!(
            render("Olá, {{customer.first_name}}! Sou {{agent.name}} ({{ticket.number}}).", &PADARIA),
            "Olá, Padaria! Sou João (#1042)."
        );
        assert_eq!(
            render(
                "Olá, {{contato.primeiro_nome}}! Sou {{atendente.nome}}, da conta {{cliente.nome}} ({{ticket.numero}}).",
                &PADARIA
            ),
            "Olá, Maria! Sou João, da conta Padaria Pão Quente (#1042)."
        );
        assert_eq!(render("{{contact.name}} / {{contato.nome}}", &PADARIA), "Maria Souza / Maria Souza");
        assert_eq!(
            render("{{outra.coisa}}", &PADARIA),
            "{{outra.coisa}}",
            "an unknown variable stays as typed"
        );
    }
}
