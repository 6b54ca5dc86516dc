//! The served OpenAPI document equals the checked-in docs/openapi.json and names every protocol route.

use mend_protocol::routes::ALL;

use crate::support::*;

#[tokio::test]
async fn the_served_openapi_document_matches_the_checked_in_one_and_every_route() {
    let server = TestServer::start().await;
    let (status, served) = server.client().raw("GET", mend_protocol::routes::OPENAPI, None).await;
    assert_eq!(status, 200);
    let served = String::from_utf8(served).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/openapi.json");
    if std::env::var_os("MEND_UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &served).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap();
    assert_eq!(served, checked_in, "docs/openapi.json is stale: run with MEND_UPDATE_OPENAPI=1");
    let document: serde_json::Value = serde_json::from_str(&served).unwrap();
    for (method, route) in ALL {
        let operation = &document["paths"][route][method.to_lowercase()];
        assert!(operation.is_object(), "{method} {route} is missing from the OpenAPI document");
    }
    let operations: usize =
        document["paths"].as_object().unwrap().values().map(|item| item.as_object().unwrap().len()).sum();
    assert_eq!(operations, ALL.len(), "the document has routes the protocol does not");
}
