// Sync's HTTP transport over java.net.http.HttpClient (JDK 11+: the JVM, and the JVM tests). On Android, where
// java.net.http is absent, an app implements the same SyncTransport interface over its platform client
// (HttpURLConnection or OkHttp's enqueue) in the same few lines: start sending the method, URL, headers and
// body; answer the SyncReply once with the status and body whatever the status, or with a TransportFailure.
// The core refuses plain http:// except to this device, and never needs the reply's headers.
package app.mend.kit

import app.mend.ffi.SyncHttpRequest
import app.mend.ffi.SyncHttpResponse
import app.mend.ffi.SyncReply
import app.mend.ffi.SyncTransport
import app.mend.ffi.TransportFailure
import java.io.IOException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.net.http.HttpTimeoutException
import java.time.Duration
import java.util.concurrent.CompletionException
import javax.net.ssl.SSLException

/** Sends sync's requests with [client] (one per app: it keeps connections alive), each within [timeout]. */
class JavaHttpTransport(
    private val client: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build(),
    private val timeout: Duration = Duration.ofSeconds(60),
) : SyncTransport {
    override fun send(request: SyncHttpRequest, reply: SyncReply) {
        val built = try {
            build(request)
        } catch (e: IllegalArgumentException) {
            reply.use { it.failed(TransportFailure.Offline(e.message ?: "the request could not be made")) }
            return
        }
        client.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray()).whenComplete { response, error ->
            reply.use {
                if (error == null) {
                    it.received(SyncHttpResponse(response.statusCode().toUShort(), response.body()))
                } else {
                    it.failed(failure((error as? CompletionException)?.cause ?: error))
                }
            }
        }
    }

    private fun build(request: SyncHttpRequest): HttpRequest {
        val builder = HttpRequest.newBuilder(URI.create(request.url)).timeout(timeout)
        for (header in request.headers) builder.header(header.name, header.value)
        val body = if (request.body.isEmpty()) {
            HttpRequest.BodyPublishers.noBody()
        } else {
            HttpRequest.BodyPublishers.ofByteArray(request.body)
        }
        return builder.method(request.method, body).build()
    }

    /** What an HttpClient failure means for sync. */
    private fun failure(error: Throwable): TransportFailure = when (error) {
        is HttpTimeoutException -> TransportFailure.Timeout()
        is SSLException -> TransportFailure.Tls(error.message ?: "the certificate was not accepted")
        is IOException -> TransportFailure.Offline(error.message ?: error.javaClass.simpleName)
        is java.util.concurrent.CancellationException -> TransportFailure.Cancelled()
        else -> TransportFailure.Offline(error.message ?: error.javaClass.simpleName)
    }
}
