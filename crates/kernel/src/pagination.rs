//! Cursor pagination: `?limit=50&cursor=…` → `{items, next_cursor}`.
//!
//! Lists are ordered by UUIDv7 id (creation order), so the cursor is simply
//! the last id seen, base64url-encoded to keep it opaque to clients.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::{Error, Result};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// 1–200, default 50.
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Text search.
    pub q: Option<String>,
}

/// A checked page request.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<Uuid>,
    pub q: Option<String>,
}

impl PageParams {
    pub fn parse(&self) -> Result<PageRequest> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(Error::field("limit", format!("Use um valor entre 1 e {MAX_LIMIT}.")));
        }
        let after = match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(decode_cursor(c).ok_or_else(|| Error::field("cursor", "Cursor inválido."))?),
        };
        let q = self.q.as_ref().map(|q| q.trim().to_string()).filter(|q| !q.is_empty());
        Ok(PageRequest { limit, after, q })
    }
}

pub fn encode_cursor(id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

pub fn decode_cursor(cursor: &str) -> Option<Uuid> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    Uuid::from_slice(&bytes).ok()
}

impl PageRequest {
    /// `q` as an `ILIKE` pattern matching anywhere, with `%`, `_` and `\` escaped.
    pub fn like_pattern(&self) -> Option<String> {
        self.q.as_deref().map(crate::search::contains_pattern)
    }

    /// Query with `limit + 1` rows; this trims the extra row and returns the
    /// cursor for the next page if there is one.
    pub fn finish<T>(&self, mut rows: Vec<T>, id_of: impl Fn(&T) -> Uuid) -> (Vec<T>, Option<String>) {
        let more = rows.len() as i64 > self.limit;
        rows.truncate(self.limit as usize);
        let next = if more { rows.last().map(|r| encode_cursor(id_of(r))) } else { None };
        (rows, next)
    }

    pub fn fetch_limit(&self) -> i64 {
        self.limit + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let id = crate::ids::new_id();
        assert_eq!(decode_cursor(&encode_cursor(id)), Some(id));
        assert_eq!(decode_cursor("not a cursor"), None);
    }

    #[test]
    fn search_text_cannot_inject_wildcards() {
        let p = PageParams { q: Some(" 50%_off\\ ".into()), ..Default::default() }.parse().expect("ok");
        assert_eq!(p.like_pattern().as_deref(), Some("%50\\%\\_off\\\\%"));
    }

    #[test]
    fn limit_bounds() {
        let p = PageParams { limit: Some(500), ..Default::default() };
        assert!(p.parse().is_err());
        let p = PageParams::default().parse().expect("default ok");
        assert_eq!(p.limit, 50);
        let (rows, next) = p.finish((0..51).map(|_| crate::ids::new_id()).collect(), |id| *id);
        assert_eq!(rows.len(), 50);
        assert!(next.is_some());
    }
}
