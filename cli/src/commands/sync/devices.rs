//! `mend sync devices`: the devices of the synced journal, with their names (sealed on the server, opened here;
//! one that does not open is shown as a device whose name can't be read), when each was added and last seen, and
//! which one is this device. Names come from the network: the human lines pass through the terminal escape in
//! `output::emit`; JSON keeps them exact.

use mend_core::Mend;
use mend_core::sync::devices::{Device, SHORT_ID};
use mend_core::sync::keystore::FileKeyStore;
use serde::Serialize;

use super::error;
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::sync::http::{HttpTransport, block_on};

#[derive(Serialize)]
struct DeviceOut {
    id: String,
    /// `null` when the name can't be read.
    name: Option<String>,
    /// The words shown for it.
    shown_as: String,
    added_at: String,
    last_seen_at: Option<String>,
    removed_at: Option<String>,
    this_device: bool,
}

impl From<&Device> for DeviceOut {
    fn from(device: &Device) -> DeviceOut {
        DeviceOut {
            id: device.id.clone(),
            name: device.name.clone(),
            shown_as: device.shown_name().to_owned(),
            added_at: device.added.to_rfc3339(),
            last_seen_at: device.last_seen.map(|t| t.to_rfc3339()),
            removed_at: device.removed.map(|t| t.to_rfc3339()),
            this_device: device.this_device,
        }
    }
}

pub fn run(ctx: &Context, mend: &Mend, keys: &FileKeyStore) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let devices = block_on(mend.sync(keys, false).devices(&transport))?.map_err(error)?;
    let out: Vec<DeviceOut> = devices.iter().map(DeviceOut::from).collect();
    emit(ctx.json, &out, || human(&devices));
    Ok(())
}

fn human(devices: &[Device]) -> String {
    let mut lines = Vec::with_capacity(devices.len() + 1);
    let active = devices.iter().filter(|d| d.removed.is_none()).count();
    lines.push(format!("Your synced journal is on {active} {}:", if active == 1 { "device" } else { "devices" }));
    for device in devices {
        let mut line = format!("- {}", device.shown_name());
        if device.this_device {
            line.push_str(" (this device)");
        }
        let short = device.id.get(..SHORT_ID).unwrap_or(&device.id);
        line.push_str(&format!("\n  id {short}; added {}", device.added.format("%Y-%m-%d")));
        match (device.removed, device.last_seen) {
            (Some(removed), _) => line.push_str(&format!("; removed {}", removed.format("%Y-%m-%d"))),
            (None, Some(seen)) => line.push_str(&format!("; last seen {}", seen.format("%Y-%m-%d %H:%M UTC"))),
            (None, None) => line.push_str("; not seen since it was added"),
        }
        lines.push(line);
    }
    lines.join("\n")
}
