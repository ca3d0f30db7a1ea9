package com.modelregistry.testdb;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that HTTP clients will not send as they are: a declared length without
 * the body, a chunked body that the service cuts off, a request line past every limit.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code request} as it is, then {@code chunkedBytes} of a JSON body in 8 KiB chunks from another thread (the
     * service may close the connection before it has them all), and returns the response head, lower-cased.
     */
    public static List<String> exchange(int port, String request, int chunkedBytes) throws Exception {
        List<String> head;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            Thread writer = new Thread(() -> {
                try {
                    byte[] chunk = ("2000\r\n" + "{\"name\":\"" + "n".repeat(8192 - 9) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    for (int sent = 0; sent < chunkedBytes; sent += 8192) {
                        out.write(chunk);
                    }
                    if (chunkedBytes > 0) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException closedByTheService) {
                    // expected once the service has refused the body
                }
            });
            writer.setDaemon(true);
            writer.start();
            head = readHead(socket);
            writer.join(10_000);
        }
        return head;
    }

    /**
     * Sends a request whose body (with its Content-Length) goes out in pieces of {@code pieceSize} bytes a few
     * milliseconds apart, as a slow network delivers it, and returns the response head, lower-cased.
     */
    public static List<String> exchangeInPieces(int port, String head, String body, int pieceSize) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            try {
                for (int sent = 0; sent < bytes.length; sent += pieceSize) {
                    out.write(bytes, sent, Math.min(pieceSize, bytes.length - sent));
                    out.flush();
                    Thread.sleep(5);
                }
            } catch (IOException closedByTheService) {
                // the service may answer and close before it has read the whole body
            }
            return readHead(socket);
        }
    }

    /** A whole answer: the status, the headers by lower-cased name, and the body as text. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * Sends {@code request} as it is (bytes ISO-8859-1, so a test can send any byte) and reads one whole answer,
     * or fails when the service sends none within 10 s.
     */
    public static Answer send(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String statusLine = line(in);
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(), header.substring(colon + 1).trim());
            }
            byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            in.readFully(body);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the service closed the connection after: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The response's status line and headers, lower-cased; empty if the service closed without answering. */
    private static List<String> readHead(Socket socket) throws IOException {
        List<String> head = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.add(line.toLowerCase());
        }
        return head;
    }

    /** One chunk of a chunked body, with its size line. */
    public static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }
}
