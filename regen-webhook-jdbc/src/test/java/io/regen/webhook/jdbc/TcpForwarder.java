package io.regen.webhook.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards TCP connections from a port on 127.0.0.1 to a database server on 127.0.0.1, and can cut
 * every connection and refuse new ones to simulate an outage, then serve again on the same port.
 */
final class TcpForwarder implements AutoCloseable {

  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile int port;

  TcpForwarder(int targetPort) throws IOException {
    this.targetPort = targetPort;
    start();
  }

  /** Returns the port that clients connect to; it stays the same across outages. */
  int port() {
    return port;
  }

  /** Starts accepting connections again, on the same port as before. */
  synchronized void start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    port = socket.getLocalPort();
    server = socket;
    Thread acceptor = new Thread(() -> accept(socket), "forwarder-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Closes the listening socket and every forwarded connection. */
  synchronized void cut() {
    closeQuietly(server);
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(target);
        pipe(client, target);
        pipe(target, client);
      } catch (IOException e) {
        // The listening socket was closed by cut(), or the target refused the connection.
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // The connection was cut or closed by one side.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "forwarder-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      // Nothing to do: the socket is gone either way.
    }
  }

  @Override
  public void close() {
    cut();
  }
}
