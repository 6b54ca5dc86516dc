// Sync's HTTP transport over URLSession (FoundationNetworking on Linux, where the tests run): starts sending the
// method, URL, headers and body sync asks for, and answers the SyncReply from the completion handler with the
// status and body whatever the status, or a TransportFailure. The core refuses plain http:// except to this
// device, and never needs the reply's headers.
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends sync's requests with `session` (one per app: it keeps connections alive), each within `timeout`.
public final class URLSessionTransport: SyncTransport, @unchecked Sendable {
    private let session: URLSession
    private let timeout: TimeInterval

    public init(session: URLSession = URLSession(configuration: .ephemeral), timeout: TimeInterval = 60) {
        self.session = session
        self.timeout = timeout
    }

    public func send(request: SyncHttpRequest, reply: SyncReply) throws {
        guard let url = URL(string: request.url) else {
            throw TransportFailure.Offline(reason: "the sync server's address is not a URL")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = request.body
        }
        session.dataTask(with: urlRequest) { data, response, error in
            if let error {
                reply.failed(failure: Self.failure(error))
            } else if let http = response as? HTTPURLResponse {
                reply.received(response: SyncHttpResponse(status: UInt16(clamping: http.statusCode), body: data ?? Data()))
            } else {
                reply.failed(failure: .Offline(reason: "the reply was not HTTP"))
            }
        }.resume()
    }

    /// What a URLSession error means for sync.
    private static func failure(_ error: Error) -> TransportFailure {
        let error = error as NSError
        guard error.domain == NSURLErrorDomain else {
            return .Offline(reason: error.localizedDescription)
        }
        switch URLError.Code(rawValue: error.code) {
        case .timedOut:
            return .Timeout
        case .cancelled:
            return .Cancelled
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
            .clientCertificateRequired:
            return .Tls(reason: error.localizedDescription)
        default:
            return .Offline(reason: error.localizedDescription)
        }
    }
}
