package dev.ec2kit.local.internal;

import java.util.AbstractMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A developers' check that no parameter is silently ignored: a call's parameters that remember
 * which of them the handler read. Where {@code EC2KIT_LOCAL_PARAM_AUDIT} is {@code fail} (the test
 * suites set it), a call whose handler succeeded without reading a parameter it was given is
 * answered UnknownParameter naming it, so that a test meeting it fails there; otherwise nothing is
 * remembered. Reading {@link Call#params()} whole counts as reading every parameter; {@link
 * Call#names()} and {@link Call#fingerprint()} read none.
 */
final class ParamAudit extends AbstractMap<String, String> {
  private static final boolean ON = "fail".equals(System.getenv("EC2KIT_LOCAL_PARAM_AUDIT"));

  /** Read by the dispatcher or the signature, never by a handler. */
  private static final Set<String> PROTOCOL =
      Set.of(
          "Action",
          "Version",
          "AWSAccessKeyId",
          "SignatureMethod",
          "SignatureVersion",
          "Signature",
          "Timestamp",
          "Expires",
          "X-Amz-Algorithm",
          "X-Amz-Credential",
          "X-Amz-Date",
          "X-Amz-Expires",
          "X-Amz-SignedHeaders",
          "X-Amz-Signature",
          "X-Amz-Security-Token");

  private final Map<String, String> params;
  private final Set<String> read = new HashSet<>();
  private boolean all;

  private ParamAudit(Map<String, String> params) {
    this.params = params;
  }

  /** {@code params} as they are, or remembering reads where the audit is on. */
  static Map<String, String> of(Map<String, String> params) {
    return ON ? new ParamAudit(params) : params;
  }

  /** Marks {@code key} read, where {@code params} remembers reads. */
  static void read(Map<String, String> params, String key) {
    if (params instanceof ParamAudit a) {
      a.read.add(key);
    }
  }

  /** Marks every parameter read, where {@code params} remembers reads. */
  static void readAll(Map<String, String> params) {
    if (params instanceof ParamAudit a) {
      a.all = true;
    }
  }

  /** After a call succeeded: UnknownParameter naming what its handler never read, if any. */
  static void check(String action, Map<String, String> params) {
    if (!(params instanceof ParamAudit a) || a.all) {
      return;
    }
    Set<String> unread = new TreeSet<>();
    for (String k : a.params.keySet()) {
      if (!a.read.contains(k) && !PROTOCOL.contains(k)) {
        unread.add(k);
      }
    }
    if (!unread.isEmpty()) {
      throw Ec2Error.badRequest(
          "UnknownParameter",
          "The parameters "
              + unread
              + " were taken but never read by this emulator's "
              + action
              + " (an emulator defect, found because EC2KIT_LOCAL_PARAM_AUDIT=fail).");
    }
  }

  @Override
  public String get(Object key) {
    if (key instanceof String k) {
      read.add(k);
    }
    return params.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    if (key instanceof String k) {
      read.add(k);
    }
    return params.containsKey(key);
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return params.entrySet();
  }
}
