package io.regen.webhook.servlet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, for requests that {@link java.net.http.HttpClient}
 * cannot send: a chosen {@code Content-Length} without its body, hand-made chunked bodies, and
 * several requests on one kept-alive connection.
 */
final class RawHttpConnection implements Closeable {
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttpConnection(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends the request head: the request line, the headers and the blank line that ends them. */
  void sendHead(String method, String target, List<String> headers) throws IOException {
    send(head(method, target, headers));
  }

  /** Sends a request with a {@code Content-Length} body, head and body in one write. */
  void sendRequest(String method, String target, List<String> headers, byte[] body)
      throws IOException {
    List<String> allHeaders = new ArrayList<>(headers);
    allHeaders.add("Content-Length: " + body.length);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(head(method, target, allHeaders));
    request.write(body);
    send(request.toByteArray());
  }

  /** Sends a request whose body is chunked into pieces of at most {@code chunkSize} bytes. */
  void sendChunked(String method, String target, List<String> headers, byte[] body, int chunkSize)
      throws IOException {
    List<String> allHeaders = new ArrayList<>(headers);
    allHeaders.add("Transfer-Encoding: chunked");
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(head(method, target, allHeaders));
    for (int offset = 0; offset < body.length; offset += chunkSize) {
      int length = Math.min(chunkSize, body.length - offset);
      request.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      request.write(body, offset, length);
      request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    request.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    send(request.toByteArray());
  }

  /**
   * Reads the next final response, skipping interim 1xx responses, with its body framed by {@code
   * Content-Length} or chunked encoding.
   *
   * @throws EOFException if the server closed the connection before a status line
   */
  RawResponse readResponse() throws IOException {
    while (true) {
      String statusLine = readLine();
      if (statusLine == null) {
        throw new EOFException("Connection closed before a response");
      }
      int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
      Map<String, List<String>> headers = readHeaders();
      if (status >= 100 && status < 200) {
        continue;
      }
      return new RawResponse(status, headers, readBody(status, headers));
    }
  }

  /** Reads the response to a HEAD request: its status line and headers, which frame no body. */
  RawResponse readHeadResponse() throws IOException {
    String statusLine = readLine();
    if (statusLine == null) {
      throw new EOFException("Connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    return new RawResponse(status, readHeaders(), new byte[0]);
  }

  /**
   * Returns whether the server closed the connection: the next read finds the end of the stream or
   * a reset within the read timeout.
   */
  boolean isClosedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      // A server that closes with unread request bytes in its buffer sends a reset.
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static byte[] head(String method, String target, List<String> headers) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  private Map<String, List<String>> readHeaders() throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String line;
    while ((line = readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, key -> new ArrayList<>()).add(line.substring(colon + 1).trim());
    }
    return headers;
  }

  private byte[] readBody(int status, Map<String, List<String>> headers) throws IOException {
    if (status == 204 || status == 304) {
      return new byte[0];
    }
    List<String> transferEncoding = headers.getOrDefault("transfer-encoding", List.of());
    if (transferEncoding.stream().anyMatch(value -> value.equalsIgnoreCase("chunked"))) {
      return readChunkedBody();
    }
    List<String> contentLength = headers.get("content-length");
    if (contentLength == null) {
      return in.readAllBytes();
    }
    return readExactly(Integer.parseInt(contentLength.get(0)));
  }

  private byte[] readChunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      if (sizeLine == null) {
        throw new EOFException("Connection closed inside a chunked body");
      }
      int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        readHeaders();
        return body.toByteArray();
      }
      body.write(readExactly(size));
      readLine();
    }
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException(
          "Connection closed after " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }

  /** Reads one line ended by CRLF, without the CRLF, or returns null at the end of the stream. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int current = in.read();
      if (current == -1) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (previous == '\r' && current == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(current);
      previous = current;
    }
  }

  /** A response read from the socket; header names are in lower case. */
  record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** Returns the first value of a header, or null when the response has none. */
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    /** Returns whether the server announced that it closes the connection after this response. */
    boolean closesConnection() {
      return headers.getOrDefault("connection", List.of()).stream()
          .anyMatch(value -> value.equalsIgnoreCase("close"));
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
