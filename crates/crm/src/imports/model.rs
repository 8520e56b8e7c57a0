use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImportStatus {
    Uploaded,
    Queued,
    Running,
    Done,
    Failed,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RowError {
    /// Line in the file (the header is line 1).
    pub line: i64,
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerImport {
    pub id: Uuid,
    pub filename: String,
    /// `utf-8` or `latin-1`.
    pub encoding: String,
    pub delimiter: String,
    pub columns: Vec<String>,
    pub total_rows: i32,
    pub status: ImportStatus,
    /// Customer field → column.
    pub mapping: Option<BTreeMap<String, String>>,
    pub skip_invalid: bool,
    pub processed_rows: i32,
    pub created_count: i32,
    pub updated_count: i32,
    pub skipped_count: i32,
    pub errors: Vec<RowError>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// The upload's answer: the import plus what the user needs to map columns.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadedImport {
    #[serde(flatten)]
    pub import: CustomerImport,
    /// The first rows, as read.
    pub preview: Vec<Vec<String>>,
    /// A guess from the column names.
    pub suggested_mapping: BTreeMap<String, String>,
    /// Fields a column can feed.
    pub fields: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartImportRequest {
    /// Customer field → column name. `name` is required.
    pub mapping: BTreeMap<String, String>,
    /// Import the good rows and report the bad ones (default: all or nothing).
    #[serde(default)]
    pub skip_invalid: bool,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// Original file name, for the history.
    pub filename: Option<String>,
}
