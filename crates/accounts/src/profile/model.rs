use kernel::Result;
use kernel::error::Violations;
use serde::Deserialize;
use utoipa::ToSchema;

/// Longest e-mail signature.
pub const MAX_SIGNATURE: usize = 2000;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProfileRequest {
    pub name: Option<String>,
    /// Added under the person's e-mail replies; empty removes it.
    pub signature: Option<String>,
}

/// A checked [`UpdateProfileRequest`].
pub struct ProfileChange {
    pub name: Option<String>,
    pub signature: Option<String>,
}

impl UpdateProfileRequest {
    pub fn check(&self) -> Result<ProfileChange> {
        let mut v = Violations::new();
        let name = self.name.as_deref().map(str::trim);
        if let Some(n) = name
            && (n.is_empty() || n.chars().count() > 200)
        {
            v.add("name", "Informe seu nome (até 200 caracteres).");
        }
        if name.is_some_and(|n| n.contains('\0')) {
            v.add("name", "O nome tem um caractere inválido.");
        }
        // Line ends normalised; trailing blank lines are noise under a reply.
        let signature = self.signature.as_deref().map(|s| s.replace("\r\n", "\n").trim_end().to_string());
        if let Some(sig) = &signature {
            if sig.chars().count() > MAX_SIGNATURE {
                v.add("signature", format!("A assinatura pode ter até {MAX_SIGNATURE} caracteres."));
            }
            if sig.contains('\0') {
                v.add("signature", "A assinatura tem um caractere inválido.");
            }
        }
        v.finish()?;
        Ok(ProfileChange { name: name.map(str::to_string), signature })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn req(name: Option<&str>, signature: Option<&str>) -> UpdateProfileRequest {
        UpdateProfileRequest { name: name.map(Into::into), signature: signature.map(Into::into) }
    }

    #[test]
    fn signature_is_tidied_and_limited() {
        let c = req(None, Some("Ana\r\nSuporte\n\n")).check().unwrap();
        assert_eq!(c.signature.as_deref(), Some("Ana\nSuporte"));
        assert!(req(None, Some(&"x".repeat(MAX_SIGNATURE + 1))).check().is_err());
        assert!(req(Some("  "), None).check().is_err());
        assert!(req(Some("Ana\0"), None).check().is_err());
        assert_eq!(req(Some(" Ana Lima "), None).check().unwrap().name.as_deref(), Some("Ana Lima"));
    }
}
