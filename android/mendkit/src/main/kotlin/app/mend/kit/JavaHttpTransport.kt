// Sync's HTTP transport over java.net.http.HttpClient (JDK 11+: the JVM, and the JVM tests). On Android, where
// java.net.http is absent, an app implements the same SyncTransport interface over its platform client
// (HttpURLConnection or OkHttp) in the same few lines: send the method, URL, headers and body; give back the
// status and body whatever the status; map failures to TransportFailure. The core refuses plain http:// except to
// this device, and never needs the reply's headers.
package app.mend.kit

import app.mend.ffi.SyncHttpRequest
import app.mend.ffi.SyncHttpResponse
import app.mend.ffi.SyncTransport
import app.mend.ffi.TransportFailure
import java.io.IOException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.net.http.HttpTimeoutException
import java.time.Duration
import javax.net.ssl.SSLException
import kotlinx.coroutines.future.await

/** Sends sync's requests with [client] (one per app: it keeps connections alive), each within [timeout]. */
class JavaHttpTransport(
    private val client: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build(),
    private val timeout: Duration = Duration.ofSeconds(60),
) : SyncTransport {
    override suspend fun send(request: SyncHttpRequest): SyncHttpResponse {
        val builder = HttpRequest.newBuilder(URI.create(request.url)).timeout(timeout)
        for (header in request.headers) builder.header(header.name, header.value)
        val body = if (request.body.isEmpty()) {
            HttpRequest.BodyPublishers.noBody()
        } else {
            HttpRequest.BodyPublishers.ofByteArray(request.body)
        }
        builder.method(request.method, body)
        val reply = try {
            client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).await()
        } catch (e: HttpTimeoutException) {
            throw TransportFailure.Timeout()
        } catch (e: SSLException) {
            throw TransportFailure.Tls(e.message ?: "the certificate was not accepted")
        } catch (e: IOException) {
            throw TransportFailure.Offline(e.message ?: e.javaClass.simpleName)
        }
        return SyncHttpResponse(reply.statusCode().toUShort(), reply.body())
    }
}
