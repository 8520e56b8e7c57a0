//! PDF documents, typeset by an embedded Typst with its embedded fonts (no
//! network, no system fonts). Each document is a template in `templates/`
//! fed with JSON data: user text never becomes Typst markup, so nothing a
//! customer types can change the layout or run code.

use std::sync::OnceLock;

use serde::Serialize;
use typst::foundations::{Bytes, Dict, IntoValue};
use typst_as_lib::typst_kit_options::TypstKitFontOptions;
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};

const PROPOSAL_TEMPLATE: &str = include_str!("../templates/proposal.typ");
const INVOICE_TEMPLATE: &str = include_str!("../templates/invoice.typ");
const RECEIPT_TEMPLATE: &str = include_str!("../templates/receipt.typ");

#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub name: String,
    pub document: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub description: String,
    /// Already formatted ("1,5").
    pub quantity: String,
    pub unit: String,
    /// Formatted money ("R$ 1.299,90").
    pub unit_price: String,
    /// "10%" or "".
    pub discount: String,
    pub total: String,
    /// "mensal", "único"…
    pub billing: String,
}

/// Everything printed on a proposal, already formatted for pt-BR.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalDoc {
    pub number: String,
    pub title: String,
    pub version: i32,
    pub issued_on: String,
    pub valid_until: String,
    pub company: Party,
    pub customer: Party,
    pub lines: Vec<Line>,
    pub subtotal: String,
    pub discount: String,
    pub total: String,
    /// When some lines recur: what is paid once, and every period.
    pub one_time: Option<String>,
    pub recurring: Option<String>,
    /// "mensal", "trimestral", "anual".
    pub recurrence: Option<String>,
    pub terms: String,
    pub link: Option<String>,
}

fn build(template: &'static str) -> TypstEngine<TypstTemplateMainFile> {
    TypstEngine::builder()
        .main_file(template)
        .search_fonts_with(
            TypstKitFontOptions::default().include_system_fonts(false).include_embedded_fonts(true),
        )
        .build()
}

fn engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| build(PROPOSAL_TEMPLATE))
}

fn invoice_engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| build(INVOICE_TEMPLATE))
}

/// A line of an invoice, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub total: String,
}

/// Everything printed on an invoice, already formatted for pt-BR.
#[derive(Debug, Clone, Serialize)]
pub struct InvoiceDoc {
    pub number: String,
    pub status: String,
    pub issued_on: String,
    pub due_on: String,
    pub period: Option<String>,
    pub description: String,
    pub company: Party,
    pub customer: Party,
    pub lines: Vec<InvoiceLine>,
    pub subtotal: String,
    pub discount: String,
    pub total: String,
    pub paid: Option<String>,
    /// Due today with fees, when it differs from the total.
    pub amount_due: Option<String>,
    pub fees_note: Option<String>,
    /// PIX copia e cola.
    pub pix_payload: Option<String>,
    pub boleto_line: Option<String>,
    pub card_link: Option<String>,
    pub link: Option<String>,
}

/// Renders an invoice; `pix_qr_svg` is the PIX QR code as SVG.
pub fn invoice_pdf(
    doc: &InvoiceDoc,
    logo: Option<Vec<u8>>,
    pix_qr_svg: Option<String>,
) -> anyhow::Result<Vec<u8>> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), serde_json::to_string(doc)?.into_value());
    if let Some(svg) = pix_qr_svg {
        inputs.insert("qr".into(), Bytes::new(svg.into_bytes()).into_value());
    }
    compile(invoice_engine(), inputs, logo)
}

fn receipt_engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| build(RECEIPT_TEMPLATE))
}

/// A payment receipt, formatted for pt-BR.
#[derive(Debug, Clone, Serialize)]
pub struct ReceiptDoc {
    pub number: String,
    pub company: Party,
    pub customer: Party,
    /// "R$ 1.299,90".
    pub amount: String,
    /// "PIX", "transferência"…
    pub method: String,
    pub received_on: String,
    pub reference: String,
    /// Invoice labels the payment settled.
    pub invoices: Vec<String>,
    pub refunded: Option<String>,
    pub issued_on: String,
}

pub fn receipt_pdf(doc: &ReceiptDoc, logo: Option<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), serde_json::to_string(doc)?.into_value());
    compile(receipt_engine(), inputs, logo)
}

/// Renders a proposal; `logo` is a PNG/JPEG/WebP image or nothing.
pub fn proposal_pdf(doc: &ProposalDoc, logo: Option<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), serde_json::to_string(doc)?.into_value());
    compile(engine(), inputs, logo)
}

fn compile(
    engine: &TypstEngine<TypstTemplateMainFile>,
    mut inputs: Dict,
    logo: Option<Vec<u8>>,
) -> anyhow::Result<Vec<u8>> {
    if let Some(logo) = logo {
        inputs.insert("logo".into(), Bytes::new(logo).into_value());
    }
    let has_logo = inputs.contains("logo");
    let compiled = engine.compile_with_input(inputs.clone());
    let document = match compiled.output {
        Ok(doc) => doc,
        // A logo Typst cannot decode must not stop the proposal: print without it.
        Err(_) if has_logo => {
            let mut without = inputs;
            without.remove("logo".into(), None).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            engine.compile_with_input(without).output.map_err(|e| anyhow::anyhow!("typst: {e:?}"))?
        }
        Err(e) => return Err(anyhow::anyhow!("typst: {e:?}")),
    };
    typst_pdf::pdf(&document, &Default::default()).map_err(|e| anyhow::anyhow!("typst-pdf: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(title: &str) -> ProposalDoc {
        let party = |name: &str| Party {
            name: name.into(),
            document: Some("11.222.333/0001-81".into()),
            email: None,
            phone: None,
            address: None,
        };
        ProposalDoc {
            number: "PROP-0007".into(),
            title: title.into(),
            version: 2,
            issued_on: "28/11/2026".into(),
            valid_until: "28/12/2026".into(),
            company: party("Conect Demo Comércio Ltda"),
            customer: party("Padaria Pão Quente"),
            lines: vec![Line {
                description: "Implantação — configuração e treinamento".into(),
                quantity: "1,5".into(),
                unit: "h".into(),
                unit_price: "R$ 200,00".into(),
                discount: "10%".into(),
                total: "R$ 270,00".into(),
                billing: "único".into(),
            }],
            subtotal: "R$ 270,00".into(),
            discount: "R$ 0,00".into(),
            total: "R$ 270,00".into(),
            one_time: None,
            recurring: None,
            recurrence: None,
            terms: "Pagamento em 30 dias. #set page(width: 1cm) não é markup aqui.".into(),
            link: Some("https://exemplo.com.br/p/abc".into()),
        }
    }

    /// The PDF's text as a reader's copy-and-paste would give it, with
    /// runs of white space made one space (line breaks fall where they may).
    fn text_of(pdf: &[u8]) -> String {
        let text = pdf_extract::extract_text_from_mem(pdf).expect("a PDF a reader can read");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn renders_a_pdf_with_accents_and_inert_user_text() {
        let pdf = proposal_pdf(&sample("Proposta de implantação — São Paulo"), None).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = text_of(&pdf);
        for expected in [
            "Proposta de implantação — São Paulo",
            "PROP-0007",
            "Conect Demo Comércio Ltda",
            "Padaria Pão Quente",
            "Implantação — configuração e treinamento",
            "R$ 270,00",
            // Typst syntax in user text is printed, not obeyed.
            "#set page(width: 1cm) não é markup aqui.",
        ] {
            assert!(text.contains(expected), "{expected:?} not in the PDF's text: {text}");
        }
    }

    #[test]
    fn renders_with_a_logo() {
        // A valid 2×2 RGB PNG.
        let png: Vec<u8> = vec![
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
            0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A,
            0x73, 0x00, 0x00, 0x00, 0x11, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xC0,
            0xF0, 0x1F, 0x8C, 0x80, 0x18, 0x00, 0x1D, 0xF0, 0x03, 0xFD, 0xD3, 0xD0, 0x7D, 0x26, 0x00, 0x00,
            0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ];
        let with_logo = proposal_pdf(&sample("Com logo"), Some(png)).expect("pdf");
        assert!(with_logo.starts_with(b"%PDF-"));
        let broken = proposal_pdf(&sample("Com logo"), Some(b"\x89PNG not really".to_vec()))
            .expect("pdf without the logo");
        assert!(broken.starts_with(b"%PDF-"));
        assert!(with_logo.len() > broken.len(), "the valid logo is embedded");
    }
}
