package dev.ec2kit.local.internal;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client tokens of one account and region (EC2's idempotency: the same token with the same
 * parameters answers what the first call made; with others, IdempotentParameterMismatch), each kept
 * as long as EC2 documents at least: {@link #KEPT} after its call, and for RunInstances {@link
 * #KEPT} after the termination of its instances ("A client token is valid for at least 24 hours
 * after the termination of the instance", EC2 API Reference, Ensuring idempotency). A repeated
 * RunInstances answers the same response, only the instances' state varying, also when Describe has
 * forgotten them: those instances are kept here as their answer writes them, nothing more, as long
 * as their token, and at most {@link #MAX_FORGOTTEN} of them in all: beyond that the oldest tokens
 * (by their call) that keep forgotten instances are let go of early, and a repeat of one then
 * launches anew, as after any token EC2 no longer keeps.
 *
 * <p>Kept with the region's state (and in its state directory, times included); read and changed
 * under the region's lock, as every record is.
 */
final class ClientTokens implements Serializable {
  /** How long a token is kept at least, on the emulator's clock. */
  static final Duration KEPT = Duration.ofHours(24);

  /**
   * How many forgotten instances are kept at most, over all tokens: twice as many as Describe shows
   * terminated ({@link RegionState#MAX_TERMINATED}), a few megabytes of answers.
   */
  static final int MAX_FORGOTTEN = 2000;

  private static final String RUN_INSTANCES = "RunInstances";

  /**
   * A terminated instance the region no longer shows, as a repeated RunInstances writes it: its
   * launch index (the answer's order), when it ended, and its {@code item}.
   */
  record Forgotten(int launchIndex, Instant ended, String item) implements Serializable {}

  /** What one call made under its token, and until when the token is kept. */
  private static final class Made implements Serializable {
    final Map<String, String> parameters;
    final String id;
    Instant until;

    /** RunInstances' instances that Describe no longer shows, in the order they were forgotten. */
    final List<Forgotten> forgotten = new ArrayList<>(0);

    Made(Map<String, String> parameters, String id, Instant until) {
      this.parameters = Map.copyOf(parameters);
      this.id = id;
      this.until = until;
    }
  }

  /** Per action and token. */
  private final Map<String, Made> made = new LinkedHashMap<>();

  /** How many forgotten instances the tokens keep, together. */
  private int forgottenCount;

  /** No token is due before this: {@link #advance} looks at them no sooner. */
  private Instant nextDue = Instant.MAX;

  private static String key(String action, String token) {
    return action + " " + token;
  }

  /**
   * The id that an earlier call of this action with this call's ClientToken made, or null (no
   * token, not seen, or no longer kept); IdempotentParameterMismatch when that call's parameters
   * were others. A dry run is answered before its token is looked at (EC2 checks the caller's
   * permission first): null for it, whatever the token, so every creating action answers it
   * DryRunOperation.
   */
  String madeBefore(Call call) {
    String token = call.nonEmpty("ClientToken");
    Made earlier =
        token == null || call.flag("DryRun") ? null : made.get(key(call.action(), token));
    if (earlier == null) {
      return null;
    }
    if (!call.repeats(earlier.parameters)) {
      throw Ec2Error.badRequest(
          "IdempotentParameterMismatch",
          "Client token '"
              + token
              + "' was already used for a "
              + call.action()
              + " request with different parameters.");
    }
    return earlier.id;
  }

  /** Remembers what this call made under its ClientToken, where it gave one. */
  void made(Call call, String id) {
    String token = call.nonEmpty("ClientToken");
    if (token != null) {
      Instant until = call.now().plus(KEPT);
      made.put(key(call.action(), token), new Made(call.fingerprint(), id, until));
      if (until.isBefore(nextDue)) {
        nextDue = until;
      }
    }
  }

  /**
   * A terminated instance the region no longer shows: kept, as the answer writes it, for a repeat
   * of the RunInstances that launched it with a token, while that token is kept.
   */
  void forgotten(InstanceRecord r, RegionState state) {
    Made m = r.clientToken == null ? null : made.get(key(RUN_INSTANCES, r.clientToken));
    if (m != null && m.id.equals(r.reservationId)) {
      m.forgotten.add(new Forgotten(r.launchIndex, r.since, InstanceXml.item(r, state)));
      forgottenCount++;
      Iterator<Made> oldest = made.values().iterator();
      while (forgottenCount > MAX_FORGOTTEN && oldest.hasNext()) {
        Made old = oldest.next();
        // a token whose reservation still has instances the region shows stays (EC2 keeps a
        // token while its instances exist)
        if (!old.forgotten.isEmpty() && !shown(old.id, state)) {
          forgottenCount -= old.forgotten.size();
          oldest.remove();
        }
      }
    }
  }

  /** Whether the region still shows an instance of that reservation. */
  private static boolean shown(String reservationId, RegionState state) {
    for (InstanceRecord r : state.instances.values()) {
      if (r.reservationId.equals(reservationId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The instances that the earlier RunInstances this call repeats launched and that the region no
   * longer shows, in the order they were forgotten.
   */
  List<Forgotten> forgotten(Call call) {
    Made m = made.get(key(call.action(), call.nonEmpty("ClientToken")));
    return m == null ? List.of() : List.copyOf(m.forgotten);
  }

  /**
   * Lets go of the tokens whose time has come. A RunInstances token whose instances still live, or
   * ended less than {@link #KEPT} ago, is kept until {@link #KEPT} after the last one ended.
   */
  void advance(Instant now, Map<String, InstanceRecord> instances) {
    if (now.isBefore(nextDue)) {
      return;
    }
    nextDue = Instant.MAX;
    Iterator<Map.Entry<String, Made>> it = made.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Made> e = it.next();
      Made m = e.getValue();
      if (!now.isBefore(m.until) && e.getKey().startsWith(RUN_INSTANCES + " ")) {
        m.until = keptUntil(m, now, instances);
      }
      if (!now.isBefore(m.until)) {
        forgottenCount -= m.forgotten.size();
        it.remove();
      } else if (m.until.isBefore(nextDue)) {
        nextDue = m.until;
      }
    }
  }

  /** Until when a RunInstances token is kept: {@link #KEPT} after its instances' end. */
  private static Instant keptUntil(Made m, Instant now, Map<String, InstanceRecord> instances) {
    Instant lastEnd = Instant.MIN;
    for (InstanceRecord r : instances.values()) {
      if (r.reservationId.equals(m.id)) {
        if (r.state != dev.ec2kit.InstanceState.TERMINATED) {
          return now.plus(KEPT); // still lives: looked at again a day from now
        }
        lastEnd = r.since.isAfter(lastEnd) ? r.since : lastEnd;
      }
    }
    for (Forgotten f : m.forgotten) {
      lastEnd = f.ended().isAfter(lastEnd) ? f.ended() : lastEnd;
    }
    Instant afterEnd = lastEnd.equals(Instant.MIN) ? m.until : lastEnd.plus(KEPT);
    return afterEnd.isAfter(m.until) ? afterEnd : m.until;
  }
}
