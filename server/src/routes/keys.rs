//! Key wraps and epochs of the token's account: read this device's wraps, add device wraps to an epoch, and the
//! epoch switch (accepted only when the record count and digest match, atomically).

use axum::extract::{Path, State};
use mend_protocol::accounts::Done;
use mend_protocol::keys::{AddWraps, EpochSwitch, EpochSwitched, KeyWraps};

use crate::app::AppState;
use crate::auth::Authed;
use crate::crypto::sha256;
use crate::error::{ApiError, ApiResult};
use crate::wire::{Reply, Wire};

pub async fn wraps(State(app): State<AppState>, authed: Authed) -> ApiResult<Reply<KeyWraps>> {
    let wraps = app.db(move |store| store.key_wraps(&authed.account_id, &authed.device_id)).await?;
    Ok(Reply(wraps))
}

pub async fn add_wraps(
    State(app): State<AppState>,
    authed: Authed,
    Path(epoch): Path<String>,
    Wire(request): Wire<AddWraps>,
) -> ApiResult<Reply<Done>> {
    let epoch: u32 = epoch.parse().map_err(|_| ApiError::field("epoch", "`epoch` must be a number"))?;
    app.db(move |store| store.add_wraps(&authed.account_id, epoch, &request, &sha256)).await?;
    Ok(Reply(Done))
}

pub async fn switch(
    State(app): State<AppState>,
    authed: Authed,
    Wire(request): Wire<EpochSwitch>,
) -> ApiResult<Reply<EpochSwitched>> {
    let epoch = app.db(move |store| store.switch_epoch(&authed.account_id, &request, &sha256)).await?;
    Ok(Reply(EpochSwitched { epoch }))
}
