package dev.ec2kit.local.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.ServerFactoryManager;
import org.apache.sshd.server.session.SessionFactory;

/**
 * OpenSSH's MaxStartups (10:30:100) and LoginGraceTime for the SSH front: the sessions not yet
 * logged in, counted per instance address, as each instance is a host with its own sshd (a fleet
 * logged into at once is twenty hosts, not one). Past {@value #START} of them a new connection is
 * closed as it is accepted (before the version line or any key exchange) with a chance rising from
 * {@value #RATE}% to 100% at {@value #FULL}; a session that has not logged in within {@link #GRACE}
 * is closed. Connections that start a key exchange and give up thus cannot keep the front's few
 * threads from the clients that log in.
 */
final class Startups implements SessionListener {
  /** Unauthenticated sessions beyond which new connections may be refused. */
  static final int START = 10;

  /** The chance (in percent) of refusing one at {@value #START}. */
  static final int RATE = 30;

  /** Unauthenticated sessions at which every new connection is refused. */
  static final int FULL = 100;

  /** How long a session may take to log in (OpenSSH's LoginGraceTime is 120 s; 30 s here). */
  static final Duration GRACE = Duration.ofSeconds(30);

  private final java.util.Map<java.net.SocketAddress, Set<Session>> unauthenticated =
      new ConcurrentHashMap<>();

  /** How many sessions have not logged in yet (nor ended), over every address. */
  int unauthenticated() {
    return unauthenticated.values().stream().mapToInt(Set::size).sum();
  }

  /** The sessions not yet logged in at the instance address {@code local}. */
  private Set<Session> at(java.net.SocketAddress local) {
    return unauthenticated.computeIfAbsent(local, k -> ConcurrentHashMap.newKeySet());
  }

  private Set<Session> of(Session session) {
    return at(session.getIoSession().getLocalAddress());
  }

  /** Whether a new connection may start, given {@code n} sessions not yet logged in. */
  static boolean admits(int n, int roll) {
    if (n < START) {
      return true;
    }
    if (n >= FULL) {
      return false;
    }
    int drop = RATE + (100 - RATE) * (n - START) / (FULL - START);
    return roll >= drop;
  }

  /**
   * MINA's maker of server sessions, which closes a connection past the limit as it is accepted,
   * before a session (its version line, its key exchange) exists.
   */
  SessionFactory sessions(ServerFactoryManager server) {
    return new SessionFactory(server) {
      @Override
      public void sessionCreated(IoSession io) throws Exception {
        if (admits(at(io.getLocalAddress()).size(), ThreadLocalRandom.current().nextInt(100))) {
          super.sessionCreated(io);
        } else {
          io.close(true);
        }
      }

      @Override
      public void sessionClosed(IoSession io) throws Exception {
        if (AbstractSession.getSession(io, true) != null) { // none for a refused connection
          super.sessionClosed(io);
        }
      }
    };
  }

  @Override
  public void sessionCreated(Session session) {
    of(session).add(session);
  }

  @Override
  public void sessionEvent(Session session, Event event) {
    if (event == Event.Authenticated) {
      of(session).remove(session);
    }
  }

  @Override
  public void sessionException(Session session, Throwable t) {
    // a peer gone mid-exchange (a broken pipe, a reset): nothing more is done for it; a protocol
    // error (SshException) is left to MINA, which tells the peer why before it closes
    if (!(t instanceof org.apache.sshd.common.SshException)) {
      session.close(true);
    }
  }

  @Override
  public void sessionClosed(Session session) {
    of(session).remove(session);
  }
}
