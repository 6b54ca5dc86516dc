//! The route table matches the protocol's, and metrics and errors carry no ids, payloads or addresses.

use mend_protocol::hex;
use mend_protocol::records::Precondition;
use mend_protocol::routes::ALL;

use crate::records::{upload, write};
use crate::support::*;

#[tokio::test]
async fn every_protocol_route_is_served() {
    let server = TestServer::start().await;
    let client = server.client();
    for (method, path) in ALL {
        let concrete = path
            .replace("{device_id}", &hex::encode(&[1; 16]))
            .replace("{mailbox_id}", &hex::encode(&[2; 32]))
            .replace("{epoch}", "0");
        let (status, body) = client.raw(method, &concrete, Some(vec![])).await;
        assert_ne!(status, 405, "{method} {path} is not routed");
        if status == 404 {
            let error: mend_protocol::ErrorBody = mend_protocol::decode(&body).unwrap();
            assert_ne!(error.message, "no such route", "{method} {path} fell through to the fallback");
        }
    }
}

#[tokio::test]
async fn metrics_and_errors_carry_no_ids_payloads_or_addresses() {
    let server = TestServer::start().await;
    let client = server.client();
    let a = account(&client).await.device;
    let marker = b"PAYLOAD-MARKER-7f3a";
    upload(&a, vec![write("marker-id", 0, Precondition::Absent, marker)]).await.unwrap();
    let refused = upload(&a, vec![write("marker-id", 0, Precondition::Absent, marker)]).await.unwrap();
    assert!(matches!(refused, mend_protocol::records::BatchOutcome::Refused { .. }));
    let errors = [
        client.raw("GET", &format!("/v1/link/{}", hex::encode(&[3; 32])), None).await.1,
        a.client.raw("POST", "/v1/records", Some(marker.to_vec())).await.1,
        client.raw("POST", &format!("/v1/devices/{}/revoke", hex::encode(&a.device_id)), None).await.1,
    ];
    let (_, metrics) = client.raw("GET", "/metrics", None).await;
    let metrics = String::from_utf8(metrics).unwrap();
    assert!(metrics.contains("mend_records_written_total 1"));
    let forbidden = [
        hex::encode(&a.account_id),
        hex::encode(&a.device_id),
        hex::encode(&[3; 32]),
        "PAYLOAD-MARKER".to_string(),
        "marker-id".to_string(),
        "127.0.0".to_string(),
    ];
    for text in errors.iter().map(|bytes| String::from_utf8_lossy(bytes).into_owned()).chain([metrics]) {
        for needle in &forbidden {
            assert!(!text.contains(needle.as_str()), "found {needle} in {text}");
        }
    }
}
