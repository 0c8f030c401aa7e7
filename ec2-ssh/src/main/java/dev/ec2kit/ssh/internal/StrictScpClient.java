package dev.ec2kit.ssh.internal;

import java.io.IOException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.scp.client.DefaultScpClient;
import org.apache.sshd.scp.common.ScpException;
import org.apache.sshd.scp.common.ScpFileOpener;
import org.apache.sshd.scp.common.ScpTransferEventListener;
import org.apache.sshd.scp.common.helpers.DefaultScpFileOpener;

/**
 * MINA's scp client, except that the remote scp's exit status 1 is a failure. OpenSSH's scp, on the
 * far side, reports a file it cannot read or write as a warning in the protocol and exits 1 at the
 * end; MINA takes status 1 for a warning too and only logs it, so a copy from a missing file would
 * "succeed" with nothing copied. OpenSSH's own scp client fails on it, and so does this one.
 */
public final class StrictScpClient extends DefaultScpClient {
  public StrictScpClient(
      ClientSession session, ScpFileOpener opener, ScpTransferEventListener listener) {
    super(session, opener, listener);
  }

  /** With MINA's opener and no listener. */
  public StrictScpClient(ClientSession session) {
    this(session, DefaultScpFileOpener.INSTANCE, ScpTransferEventListener.EMPTY);
  }

  @Override
  protected void handleCommandExitStatus(String cmd, Integer exitStatus) throws IOException {
    if (exitStatus != null && exitStatus != 0) {
      throw new ScpException(
          "the instance's scp failed (exit status "
              + exitStatus
              + "): a file it could not read or write",
          exitStatus);
    }
    super.handleCommandExitStatus(cmd, exitStatus);
  }
}
