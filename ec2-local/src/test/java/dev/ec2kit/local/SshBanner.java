package dev.ec2kit.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The start of an SSH server's version line, read over a plain socket. */
final class SshBanner {
  private SshBanner() {}

  /**
   * The first 8 bytes the SSH server at {@code at} sends ("SSH-2.0-"), or the exception that
   * refused the connection (2 s to connect, 5 s to read).
   */
  static String at(InetSocketAddress at) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(at, 2000);
      s.setSoTimeout(5000);
      return new String(s.getInputStream().readNBytes(8), StandardCharsets.US_ASCII);
    }
  }
}
