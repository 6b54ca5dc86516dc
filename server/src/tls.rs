//! TLS with rustls on ring (`--tls-cert`, `--tls-key`): PEM certificate chain and private key, TLS 1.2 and 1.3,
//! HTTP/1.1. Behind a proxy that terminates TLS, run without them (docs/server.md).

use std::path::Path;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// Builds the server's TLS configuration from PEM files.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>, String> {
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|error| format!("cannot read --tls-cert: {error}"))?;
    if chain.is_empty() {
        return Err("--tls-cert holds no certificate".into());
    }
    let key = PrivateKeyDer::from_pem_file(key).map_err(|error| format!("cannot read --tls-key: {error}"))?;
    let mut config = ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|error| error.to_string())?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|error| format!("the TLS certificate and key do not fit: {error}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}
