package org.orggroups.app.web.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.orggroups.app.support.IntegrationTest;

/**
 * Sends a request as raw bytes over a socket, for what {@code java.net.http} will not send: TRACE, CONNECT,
 * raw {@code [ ]} in a query, request lines and headers of any size, bodies with arbitrary bytes.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * @param port the server's port
     * @param head the request line and headers, each line ending in CRLF, without the blank line;
     *             {@code Connection: close} and the blank line are added
     * @param body bytes after the head, possibly empty (give a {@code Content-Length} in the head then)
     */
    static Answer send(int port, String head, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer send(int port, String head) {
        return send(port, head, new byte[0]);
    }

    /**
     * @param contentType the {@code Content-Type} header, or {@code null} to send none
     * @return the answer to {@code <method> <path>} with the token and exactly this body
     */
    static IntegrationTest.Response withBody(int port, String method, String path, String token, String contentType,
                                             byte[] body) {
        return send(port, method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Token " + token
                + "\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length + "\r\n", body).asResponse();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /** A raw answer: status, headers (first value of each, names in lower case), body text. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** @return the same answer in the shape of the integration tests' other calls */
        IntegrationTest.Response asResponse() {
            Map<String, List<String>> all = new LinkedHashMap<>();
            headers.forEach((name, value) -> all.put(name, List.of(value)));
            return new IntegrationTest.Response(status, body, all);
        }
    }
}
