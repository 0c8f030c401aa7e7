package dev.ec2kit.internal.logging;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * MINA SSHD logs a line at INFO for every SSH session it opens, and its logging reaches
 * java.util.logging (through SLF4J's JDK provider), whose default prints INFO on stderr: a test
 * suite with an emulator would print a line per command. Unless the program's logging configuration
 * names a level for MINA, it gets WARNING; a program that wants MINA's INFO lines sets {@code
 * org.apache.sshd.level = INFO} in its logging.properties, or the level in code.
 */
public final class QuietLibraries {
  /** Held, since java.util.logging keeps loggers only weakly and would forget the level. */
  private static volatile Logger mina;

  private QuietLibraries() {}

  /** Gives MINA SSHD's loggers WARNING, where nothing configured them; once per process. */
  public static void minaAtWarningUnlessConfigured() {
    if (mina != null) {
      return;
    }
    synchronized (QuietLibraries.class) {
      if (mina != null) {
        return;
      }
      Logger logger = Logger.getLogger("org.apache.sshd");
      if (logger.getLevel() == null
          && LogManager.getLogManager().getProperty("org.apache.sshd.level") == null) {
        logger.setLevel(Level.WARNING);
      }
      mina = logger;
    }
  }
}
