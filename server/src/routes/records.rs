//! Records of the token's account: atomic batch upload with preconditions (size, batch, quota and storage
//! limits checked first) and keyset-paged download since a cursor.

use std::sync::atomic::Ordering;

use axum::extract::{RawQuery, State};
use mend_protocol::records::{BatchOutcome, Page, UploadBatch};

use super::devices::quotas;
use crate::app::{AppState, now};
use crate::auth::Authed;
use crate::error::{ApiError, ApiResult};
use crate::wire::{QueryArgs, Reply, Wire};

pub async fn upload(
    State(app): State<AppState>,
    authed: Authed,
    Wire(batch): Wire<UploadBatch>,
) -> ApiResult<Reply<BatchOutcome>> {
    let limits = &app.config.limits;
    if batch.records.len() > limits.max_batch {
        return Err(ApiError::too_large("records", limits.max_batch as u64));
    }
    if batch.records.iter().any(|record| record.body.len() > limits.max_record) {
        return Err(ApiError::too_large("records.body", limits.max_record as u64));
    }
    let quotas = quotas(&app);
    let count = batch.records.len() as u64;
    let outcome = app.db(move |store| store.upload(&authed.account_id, &batch.records, now(), quotas)).await?;
    if matches!(outcome, BatchOutcome::Committed { .. }) {
        app.metrics.records_written.fetch_add(count, Ordering::Relaxed);
    }
    Ok(Reply(outcome))
}

pub async fn page(State(app): State<AppState>, authed: Authed, RawQuery(query): RawQuery) -> ApiResult<Reply<Page>> {
    let args = QueryArgs::parse(query);
    let since = args.u64("since", 0)?;
    let max = app.config.limits.max_page;
    let limit = args.u64("limit", u64::from(max))?;
    if limit == 0 {
        return Err(ApiError::field("limit", "`limit` must be at least 1"));
    }
    let limit = limit.min(u64::from(max)) as u32;
    let page = app.db(move |store| store.page(&authed.account_id, since, limit)).await?;
    app.metrics.records_read.fetch_add(page.records.len() as u64, Ordering::Relaxed);
    Ok(Reply(page))
}
